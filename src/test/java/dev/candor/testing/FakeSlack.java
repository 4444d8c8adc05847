package dev.candor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake Slack Web API on a local port: answers like Slack (auth.test included), keeps a small model
 * of channels and users, hands out its own response_url, and records every call.
 */
public final class FakeSlack implements AutoCloseable {
  public static final String TEAM = "T0CANDOR";
  public static final String BOT_USER = "UCANDORBOT";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded call: the Web API method (or {@code response_url}) and its parameters. */
  public record Call(String method, Map<String, String> params, String body) {
    public String param(String name) {
      return params.get(name);
    }

    /**
     * A JSON parameter (blocks, view) as Slack reads it: the SDK writes {@code <} as {@code \\u003c},
     * which would hide markup from a plain {@code contains}.
     */
    public String json(String name) {
      try {
        return JSON.readTree(params.get(name)).toString();
      } catch (IOException e) {
        throw new AssertionError(name + " is not JSON: " + params.get(name), e);
      }
    }
  }

  /** A channel in the fake workspace. */
  public static final class Channel {
    public final String id;
    public final String name;
    /** Private (a member of it may make it so later, as Slack lets them: see {@link FakeSlack#makePrivate}). */
    public volatile boolean isPrivate;
    public volatile boolean botIsMember;
    public volatile boolean archived;
    /** Who made the channel: Candor's user for the channels it created (conversations.create). */
    public volatile String creator = "UCREATOR";
    public final Set<String> members = ConcurrentHashMap.newKeySet();
    public volatile String topic = "";
    /** The id of the channel's canvas, once it has one. */
    public volatile String canvasId;
    /** The channel's history, oldest first, as Slack's message objects (threads' replies included). */
    public final List<ObjectNode> history = new CopyOnWriteArrayList<>();
    /** When true, what chat.postMessage posts here is kept in the history, metadata included, as Slack does. */
    public volatile boolean keepsPosts;

    /** The messages in the history carrying Candor's job metadata for {@code jobKey}. */
    public List<ObjectNode> fromJob(String jobKey) {
      return history.stream().filter(m -> jobKey.equals(m.path("metadata").path("event_payload").path("job_id")
          .asText(null))).toList();
    }

    /** Adds a message to the history; {@code fields} alternate names and values. */
    public ObjectNode say(String ts, String user, String text, String... fields) {
      ObjectNode m = message(ts, user, text, fields);
      history.add(m);
      return m;
    }

    /** A message as {@link #say} keeps it, not added yet. */
    static ObjectNode message(String ts, String user, String text, String... fields) {
      ObjectNode m = JSON.createObjectNode().put("type", "message").put("ts", ts).put("user", user).put("text", text);
      for (int i = 0; i + 1 < fields.length; i += 2) {
        m.put(fields[i], fields[i + 1]);
      }
      return m;
    }

    Channel(String id, String name, boolean isPrivate, boolean botIsMember) {
      this.id = id;
      this.name = name;
      this.isPrivate = isPrivate;
      this.botIsMember = botIsMember;
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final Set<String> takenNames = ConcurrentHashMap.newKeySet();
  private final Set<String> missingUsers = ConcurrentHashMap.newKeySet();
  private final Set<String> deactivatedUsers = ConcurrentHashMap.newKeySet();
  private final Set<String> botUsers = ConcurrentHashMap.newKeySet();
  private final Set<String> admins = ConcurrentHashMap.newKeySet();
  private final Map<String, String> displayNames = new ConcurrentHashMap<>();
  private final Map<String, Deque<Scripted>> scripted = new ConcurrentHashMap<>();
  private final Map<String, String> zones = new ConcurrentHashMap<>();
  private final List<Gate> gates = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger(100);
  private volatile Dispatcher extra;
  private volatile Consumer<Call> listener = c -> {};
  private final Set<String> withoutEmail = ConcurrentHashMap.newKeySet();
  private volatile boolean canvasesDisabled;
  private volatile boolean newChannelsKeepPosts;
  private volatile Clock clock = Clock.systemUTC();
  private final Map<String, Deque<Scripted>> afterActing = new ConcurrentHashMap<>();

  /** A message Slack holds to post later (chat.scheduleMessage). */
  public record Scheduled(String id, String channel, long postAt, String text) {}

  /** A file shared through the external upload flow, with the bytes that were uploaded. */
  public record SharedFile(String id, String filename, String channel, String title, String comment, byte[] content,
      long created) {
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** The Markdown each canvas was created with, by canvas id. */
  public final Map<String, String> canvases = new ConcurrentHashMap<>();
  /** Every message Candor posted and nobody deleted, as "channel ts"; chat.update finds only these. */
  private final Set<String> posted = ConcurrentHashMap.newKeySet();
  /** Pinned messages, as "channel ts". */
  public final Set<String> pins = ConcurrentHashMap.newKeySet();
  /** The bookmarks of each channel, as Slack lists them (title, type, link). */
  public final Map<String, List<ObjectNode>> bookmarks = new ConcurrentHashMap<>();

  /** Messages someone deleted, as "channel ts": chat.getPermalink on one answers message_not_found. */
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  /** Someone deletes the message {@code ts} in {@code channel}: chat.update on it answers message_not_found. */
  public void deleteMessage(String channel, String ts) {
    deleted.add(channel + " " + ts);
    posted.remove(channel + " " + ts);
    pins.remove(channel + " " + ts);
  }
  public final Map<String, Scheduled> scheduled = new ConcurrentHashMap<>();
  public final List<SharedFile> shared = new CopyOnWriteArrayList<>();
  private final Map<String, String[]> pendingUploads = new ConcurrentHashMap<>();
  private final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();

  /** {@code userId} has no email address in their profile (no users:read.email, or hidden). */
  public void hideEmail(String userId) {
    withoutEmail.add(userId);
  }

  /** Channels made from now on (conversations.create) keep what chat.postMessage posts, as {@link Channel#keepsPosts}. */
  public void keepPostsInNewChannels() {
    newChannelsKeepPosts = true;
  }

  /** Slack's clock, which stamps the {@code ts} of what is posted and shared: the system's unless set. */
  public void useClock(Clock slackClock) {
    this.clock = slackClock;
  }

  /**
   * The next call of {@code method} matching {@code test} is acted on as usual (a post kept in the history), but
   * answered {@code response}: an answer lost on its way back (a 502 from a proxy in between, say).
   */
  public void failAfterActing(String method, Predicate<Call> test, MockResponse response) {
    afterActing.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).add(new Scripted(test, response));
  }

  /**
   * Hears each Web API call as it is recorded, on the fake's thread (a benchmark times a reply's arrival with it);
   * it must return at once.
   */
  public void onCall(Consumer<Call> heard) {
    listener = heard;
  }

  private void record(Call call) {
    calls.add(call);
    listener.accept(call);
  }

  /** A workspace whose plan cannot have channel canvases. */
  public void disableCanvases() {
    canvasesDisabled = true;
  }

  public FakeSlack() {
    LocalServers.started(server, this::answer);
  }

  /** The base URL to give Candor as SLACK_API_URL. */
  public String apiUrl() {
    return server.url("/api/").toString();
  }

  /** A response_url that records what is posted to it. */
  public String responseUrl(String id) {
    return server.url("/response/" + id).toString();
  }

  public MockWebServer server() {
    return server;
  }

  /** Lets a test answer paths the fake does not know (a WebSocket upgrade, say). */
  public void otherwise(Dispatcher dispatcher) {
    this.extra = dispatcher;
  }

  public Channel addChannel(String id, String name, boolean isPrivate, boolean botIsMember, String... members) {
    Channel c = new Channel(id, name, isPrivate, botIsMember);
    c.members.addAll(List.of(members));
    channels.put(id, c);
    takenNames.add(name);
    return c;
  }

  public Channel channel(String id) {
    return channels.get(id);
  }

  /** Marks a channel name as taken, as by an archived channel. */
  public void takeName(String name) {
    takenNames.add(name);
  }

  /** The DM channel {@code D<user>} between Candor and {@code user}, keeping what Candor posts there. */
  public Channel dm(String user) {
    Channel c = addChannel("D" + user, user.toLowerCase(Locale.ROOT), true, true, user);
    c.keepsPosts = true;
    return c;
  }

  /** {@code user}'s profile time zone in users.info (Europe/Berlin unless set). */
  public void timeZone(String user, String tz) {
    zones.put(user, tz);
  }

  /**
   * A call held open: the first call of a method matching a test is recorded and answered as usual (a
   * post kept in the history), but its answer is held back until {@link #release()}, so a test can kill
   * the caller while it waits ({@link #hold}); or it is held before Slack acts on it at all
   * ({@link #holdUnanswered}).
   */
  public static final class Gate {
    final String method;
    final Predicate<Call> test;
    final boolean beforeActing;
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch released = new CountDownLatch(1);
    final AtomicBoolean taken = new AtomicBoolean();

    Gate(String method, Predicate<Call> test, boolean beforeActing) {
      this.method = method;
      this.test = test;
      this.beforeActing = beforeActing;
    }

    boolean takes(String calledMethod, Call call) {
      return method.equals(calledMethod) && test.test(call) && taken.compareAndSet(false, true);
    }

    void waitForRelease() {
      reached.countDown();
      try {
        released.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Waits until a matching call arrived; false when none came within {@code timeout}. */
    public boolean awaitReached(Duration timeout) throws InterruptedException {
      return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release() {
      released.countDown();
    }
  }

  /** Holds the answer to the next call of {@code method} matching {@code test}. */
  public Gate hold(String method, Predicate<Call> test) {
    Gate g = new Gate(method, test, false);
    gates.add(g);
    return g;
  }

  /**
   * Holds the next call of {@code method} matching {@code test} before Slack acts on it: nothing is posted,
   * and once released the call is answered {@code request_timeout}, as a request Slack never got to. A test
   * kills the caller meanwhile, so the kill lands before the post.
   */
  public Gate holdUnanswered(String method, Predicate<Call> test) {
    Gate g = new Gate(method, test, true);
    gates.add(g);
    return g;
  }

  public void removeUser(String userId) {
    missingUsers.add(userId);
  }

  /** {@code userId}'s display name in their profile (users.info's {@code profile.display_name}; empty unless set). */
  public void displayName(String userId, String name) {
    displayNames.put(userId, name);
  }

  /** {@code userId} is a workspace admin: users.info says {@code is_admin}. */
  public void makeAdmin(String userId) {
    admins.add(userId);
  }

  /**
   * The channel is made private, as a member can in Slack's channel settings: its id stays, and conversations.info
   * says {@code is_private} from now on. Slack's notice of it is a message event the test sends, when it wants one.
   */
  public void makePrivate(String channelId) {
    channel(channelId).isPrivate = true;
  }

  public void deactivateUser(String userId) {
    deactivatedUsers.add(userId);
  }

  /** {@code userId} is a bot user (an app's): users.info says {@code is_bot}, as it does for Candor itself. */
  public void makeBot(String userId) {
    botUsers.add(userId);
  }

  /** An answer held for the next call of its method that matches its test. */
  private record Scripted(Predicate<Call> test, MockResponse response) {}

  /** The next call of {@code method} gets {@code response} instead of the usual answer. */
  public void script(String method, MockResponse response) {
    script(method, c -> true, response);
  }

  /**
   * The next call of {@code method} matching {@code test} gets {@code response} instead of the usual answer;
   * other calls of the method (say Candor's announcement in a channel while the test scripts a DM) pass by.
   * Answers scripted for the same method are used in the order they were scripted.
   */
  public void script(String method, Predicate<Call> test, MockResponse response) {
    scripted.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).add(new Scripted(test, response));
  }

  /** Takes the first answer scripted for {@code call}, if any. */
  private MockResponse takeScripted(Call call) {
    return take(scripted, call);
  }

  private static MockResponse take(Map<String, Deque<Scripted>> scripts, Call call) {
    Deque<Scripted> queue = scripts.get(call.method());
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      for (var it = queue.iterator(); it.hasNext(); ) {
        Scripted s = it.next();
        if (s.test().test(call)) {
          it.remove();
          return s.response();
        }
      }
    }
    return null;
  }

  public static MockResponse error(String error) {
    return json(200, "{\"ok\":false,\"error\":\"" + error + "\"}");
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Waits until a call of {@code method} matching {@code test} has been made, and returns it. */
  public Call await(String method, Predicate<Call> test, Duration timeout) {
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (Call c : calls) {
        if (c.method().equals(method) && test.test(c)) {
          Eventually.tookLong(start, timeout, "a " + method + " call");
          return c;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no " + method + " call matched within " + timeout + "; calls were:\n" + describe());
  }

  /** Waits up to {@link Eventually#DEFAULT} for a call of {@code method}. */
  public Call await(String method) {
    return await(method, c -> true, Eventually.DEFAULT);
  }

  /** Waits up to {@link Eventually#DEFAULT} for a call of {@code method} matching {@code test}. */
  public Call await(String method, Predicate<Call> test) {
    return await(method, test, Eventually.DEFAULT);
  }

  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Call c : calls) {
      out.append("  ").append(c.method()).append(' ').append(c.params()).append('\n');
    }
    return out.toString();
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (path.startsWith("/upload/")) {
      String id = path.substring("/upload/".length());
      if (!pendingUploads.containsKey(id)) {
        return new MockResponse.Builder().code(404).build();
      }
      uploaded.put(id, request.getBody() == null ? new byte[0] : request.getBody().toByteArray());
      calls.add(new Call("upload", Map.of("id", id), ""));
      return new MockResponse.Builder().code(200).body("OK - " + uploaded.get(id).length).build();
    }
    if (path.startsWith("/response/")) {
      calls.add(new Call("response_url", Map.of("id", path.substring("/response/".length())), body));
      return json(200, "{\"ok\":true}");
    }
    if (!path.startsWith("/api/")) {
      Dispatcher d = extra;
      if (d != null) {
        try {
          return d.dispatch(request);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new MockResponse.Builder().code(404).build();
    }
    String method = path.substring("/api/".length());
    Map<String, String> params = params(request, body);
    Call call = new Call(method, params, body);
    for (Gate g : gates) {
      if (g.beforeActing && g.takes(method, call)) {
        record(call);
        g.waitForRelease();
        return json(200, "{\"ok\":false,\"error\":\"request_timeout\"}");
      }
    }
    MockResponse next = takeScripted(call);
    if (next != null) {
      record(call);
      return next;
    }
    MockResponse answer;
    try {
      answer = json(200, JSON.writeValueAsString(reply(method, params)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      // Recorded once the fake's state shows the call, so a test that awaits a call can read that state.
      record(call);
    }
    for (Gate g : gates) {
      if (!g.beforeActing && g.takes(method, call)) {
        g.waitForRelease();
        break;
      }
    }
    MockResponse lost = take(afterActing, call);
    return lost != null ? lost : answer;
  }

  private Map<String, String> params(RecordedRequest request, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    String query = request.getUrl().encodedQuery();
    if (query != null) {
      parseForm(query, params);
    }
    String type = request.getHeaders().get("Content-Type");
    if (type != null && type.startsWith("application/json") && !body.isBlank()) {
      try {
        JSON.readTree(body).properties().forEach(e ->
            params.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      } catch (IOException e) {
        params.put("_unparsed", body);
      }
    } else if (!body.isBlank()) {
      parseForm(body, params);
    }
    return params;
  }

  private static void parseForm(String form, Map<String, String> into) {
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.put(k, v);
    }
  }

  private ObjectNode reply(String method, Map<String, String> p) {
    ObjectNode ok = JSON.createObjectNode().put("ok", true);
    switch (method) {
      case "auth.test" -> ok.put("url", "https://candor-test.slack.com/").put("team", "Candor Test")
          .put("user", "candor").put("team_id", TEAM).put("user_id", BOT_USER).put("bot_id", "BCANDOR");
      case "conversations.create" -> {
        String name = p.get("name");
        if (takenNames.contains(name)) {
          return fail("name_taken");
        }
        boolean priv = "true".equals(p.get("is_private")) || "1".equals(p.get("is_private"));
        Channel c = addChannel((priv ? "G" : "C") + "INC" + ids.incrementAndGet(), name, priv, true);
        c.keepsPosts = newChannelsKeepPosts;
        c.creator = BOT_USER;
        ok.set("channel", channel(c));
      }
      case "conversations.invite" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return fail("channel_not_found");
        }
        for (String u : p.getOrDefault("users", "").split(",")) {
          if (!c.members.add(u)) {
            return fail("already_in_channel");
          }
        }
        ok.set("channel", channel(c));
      }
      case "conversations.list" -> {
        // as Slack: the public channels, and the private ones Candor is in, of the types asked; paged by cursor
        List<String> types = List.of(p.getOrDefault("types", "public_channel").split(","));
        boolean excludeArchived = "true".equals(p.get("exclude_archived")) || "1".equals(p.get("exclude_archived"));
        List<Channel> listed = channels.values().stream()
            .filter(c -> !c.id.startsWith("D"))
            .filter(c -> c.isPrivate ? types.contains("private_channel") && c.botIsMember : types.contains("public_channel"))
            .filter(c -> !(excludeArchived && c.archived))
            .sorted((a, b) -> a.id.compareTo(b.id))
            .toList();
        int asked = p.get("limit") == null || p.get("limit").isEmpty() ? 0 : Integer.parseInt(p.get("limit"));
        int limit = asked <= 0 ? 100 : Math.min(asked, 1000);
        int from = p.get("cursor") == null || p.get("cursor").isEmpty() ? 0 : Integer.parseInt(p.get("cursor").substring(5));
        ArrayNode list = ok.putArray("channels");
        listed.subList(Math.min(from, listed.size()), Math.min(from + limit, listed.size()))
            .forEach(c -> list.add(channel(c)));
        ok.putObject("response_metadata").put("next_cursor", from + limit < listed.size() ? "page:" + (from + limit) : "");
      }
      case "conversations.info" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null || (c.isPrivate && !c.botIsMember)) {
          return fail("channel_not_found");
        }
        ok.set("channel", channel(c));
      }
      case "conversations.join" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null || c.isPrivate) {
          return fail("channel_not_found");
        }
        c.botIsMember = true;
        ok.set("channel", channel(c));
      }
      case "conversations.members" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null || (c.isPrivate && !c.botIsMember)) {
          return fail("channel_not_found"); // as Slack: a private channel is seen only from inside
        }
        // as Slack: paged by cursor, at most limit (default 100, at most 1000) a page
        List<String> all = c.members.stream().sorted().toList();
        int asked = p.get("limit") == null || p.get("limit").isEmpty() ? 0 : Integer.parseInt(p.get("limit"));
        int limit = asked <= 0 ? 100 : Math.min(asked, 1000);
        int from = p.get("cursor") == null || p.get("cursor").isEmpty() ? 0 : Integer.parseInt(p.get("cursor").substring(5));
        ArrayNode members = ok.putArray("members");
        all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())).forEach(members::add);
        ok.putObject("response_metadata").put("next_cursor", from + limit < all.size() ? "page:" + (from + limit) : "");
      }
      case "conversations.history" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null || (c.isPrivate && !c.botIsMember)) {
          return fail("channel_not_found");
        }
        if (!c.botIsMember) {
          return fail("not_in_channel"); // a public channel's history is read from inside
        }
        // as Slack: newest first, between oldest and latest (both excluded unless inclusive), paged by cursor
        boolean inclusive = "true".equals(p.get("inclusive")) || "1".equals(p.get("inclusive"));
        double oldest = Double.parseDouble(p.getOrDefault("oldest", "0"));
        double latest = p.get("latest") == null || p.get("latest").isEmpty() ? Double.MAX_VALUE
            : Double.parseDouble(p.get("latest"));
        List<ObjectNode> top = c.history.stream()
            .filter(m -> !m.has("thread_ts") || m.get("thread_ts").asText().equals(m.get("ts").asText()))
            .filter(m -> {
              double ts = Double.parseDouble(m.get("ts").asText());
              return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
            })
            .sorted((a, b) -> Double.compare(Double.parseDouble(b.get("ts").asText()), Double.parseDouble(a.get("ts").asText())))
            .toList();
        page(ok, top, p);
      }
      case "conversations.replies" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return fail("channel_not_found");
        }
        String thread = p.get("ts");
        List<ObjectNode> replies = c.history.stream()
            .filter(m -> thread.equals(m.path("thread_ts").asText(null)) || thread.equals(m.get("ts").asText()))
            .toList();
        page(ok, replies, p);
      }
      case "conversations.setTopic" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return fail("channel_not_found");
        }
        c.topic = p.get("topic");
        ok.set("channel", channel(c));
      }
      case "chat.postMessage" -> {
        String ts = ts();
        Channel target = channels.get(p.get("channel"));
        if (target != null && target.keepsPosts) {
          ObjectNode kept = Channel.message(ts, null, p.getOrDefault("text", ""), "bot_id", "BCANDOR");
          kept.remove("user");
          for (String field : List.of("metadata", "blocks")) {
            if (p.get(field) != null) {
              try {
                kept.set(field, JSON.readTree(p.get(field)));
              } catch (IOException e) {
                kept.put(field, p.get(field));
              }
            }
          }
          // into the history only once whole: a test (or conversations.history) reading it meanwhile sees all of
          // it or none of it, never the text without its blocks and metadata
          target.history.add(kept);
        }
        posted.add(p.get("channel") + " " + ts);
        ok.put("channel", p.get("channel")).put("ts", ts);
        ok.putObject("message").put("text", p.getOrDefault("text", "")).put("ts", ts).put("bot_id", "BCANDOR");
      }
      case "chat.update" -> {
        // as Slack documents it: channel and ts name a message the app posted; an unknown one is message_not_found.
        // The message at ts takes the new text and blocks (and metadata, when given)
        if (p.get("channel") == null || p.get("ts") == null) {
          return fail("invalid_arguments");
        }
        if (!posted.contains(p.get("channel") + " " + p.get("ts"))) {
          return fail("message_not_found");
        }
        Channel c = channels.get(p.get("channel"));
        ObjectNode edited = c == null ? null : c.history.stream()
            .filter(m -> m.path("ts").asText("").equals(p.get("ts"))).findFirst().orElse(null);
        if (edited != null) {
          ObjectNode changed = edited.deepCopy();
          changed.put("text", p.getOrDefault("text", ""));
          for (String field : List.of("metadata", "blocks")) {
            if (p.get(field) != null) {
              try {
                changed.set(field, JSON.readTree(p.get(field)));
              } catch (IOException e) {
                changed.put(field, p.get(field));
              }
            } else if (field.equals("blocks")) {
              changed.remove(field);
            }
          }
          changed.putObject("edited").put("ts", ts());
          c.history.set(c.history.indexOf(edited), changed);
        }
        ok.put("channel", p.get("channel")).put("ts", p.get("ts")).put("text", p.getOrDefault("text", ""));
        ok.putObject("message").put("text", p.getOrDefault("text", "")).put("bot_id", "BCANDOR");
      }
      case "chat.getPermalink" -> {
        if (p.get("channel") == null || p.get("message_ts") == null) {
          return fail("invalid_arguments");
        }
        // any message the app can see has a permalink, a person's as well as its own; a deleted one has none
        if (channels.get(p.get("channel")) == null) {
          return fail("channel_not_found");
        }
        if (deleted.contains(p.get("channel") + " " + p.get("message_ts"))) {
          return fail("message_not_found");
        }
        ok.put("channel", p.get("channel")).put("permalink", "https://candor-test.slack.com/archives/"
            + p.get("channel") + "/p" + p.get("message_ts").replace(".", ""));
      }
      case "pins.add" -> {
        String pin = p.get("channel") + " " + p.get("timestamp");
        if (channels.get(p.get("channel")) == null) {
          return fail("channel_not_found");
        }
        if (!posted.contains(pin)) {
          return fail("message_not_found");
        }
        if (!pins.add(pin)) {
          return fail("already_pinned");
        }
      }
      case "bookmarks.add" -> {
        String channel = p.get("channel_id");
        if (channel == null || p.get("title") == null || p.get("type") == null) {
          return fail("invalid_arguments");
        }
        if (channels.get(channel) == null) {
          return fail("channel_not_found");
        }
        if (!"link".equals(p.get("type")) || p.get("link") == null) {
          return fail("invalid_link");
        }
        List<ObjectNode> there = bookmarks.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>());
        if (there.size() >= 100) {
          return fail("too_many_bookmarks");
        }
        ObjectNode b = JSON.createObjectNode().put("id", "Bk" + ids.incrementAndGet()).put("channel_id", channel)
            .put("title", p.get("title")).put("link", p.get("link")).put("type", "link");
        there.add(b);
        ok.set("bookmark", b);
      }
      case "bookmarks.list" -> {
        ArrayNode list = ok.putArray("bookmarks");
        bookmarks.getOrDefault(p.get("channel_id"), List.of()).forEach(list::add);
      }
      case "chat.postEphemeral" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null || !c.botIsMember) {
          return fail("channel_not_found");
        }
        ok.put("message_ts", ts());
      }
      case "users.info" -> {
        String user = p.get("user");
        if (user == null || missingUsers.contains(user)) {
          return fail("user_not_found");
        }
        ObjectNode u = ok.putObject("user").put("id", user).put("name", user.toLowerCase()).put("deleted",
            deactivatedUsers.contains(user)).put("tz", zones.getOrDefault(user, "Europe/Berlin")).put("tz_offset", 3600)
            .put("real_name", "Person " + user).put("is_admin", admins.contains(user)).put("is_owner", false)
            .put("is_bot", botUsers.contains(user) || BOT_USER.equals(user));
        ObjectNode profile = u.putObject("profile").put("real_name", "Person " + user)
            .put("display_name", displayNames.getOrDefault(user, ""));
        if (!withoutEmail.contains(user)) {
          profile.put("email", user.toLowerCase() + "@example.com");
        }
      }
      case "conversations.open" -> ok.putObject("channel").put("id", "D" + p.getOrDefault("users", "X").split(",")[0]);
      case "bots.info" -> ok.putObject("bot").put("id", p.getOrDefault("bot", "B0")).put("name", "some bot")
          .put("user_id", "U" + p.getOrDefault("bot", "B0")).put("deleted", false);
      case "views.open", "views.update", "views.push", "views.publish" ->
          ok.putObject("view").put("id", "V" + ids.incrementAndGet()).put("hash", "h" + ids.get());
      case "chat.scheduleMessage" -> {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return fail("channel_not_found");
        }
        long postAt = Long.parseLong(p.getOrDefault("post_at", "0"));
        long now = System.currentTimeMillis() / 1000;
        if (postAt <= now) {
          return fail("time_in_past");
        }
        if (postAt > now + 120L * 24 * 3600) {
          return fail("time_too_far");
        }
        String id = "Q" + ids.incrementAndGet();
        scheduled.put(id, new Scheduled(id, c.id, postAt, p.getOrDefault("text", "")));
        ok.put("channel", c.id).put("scheduled_message_id", id).put("post_at", postAt);
        ok.putObject("message").put("text", p.getOrDefault("text", "")).put("type", "message");
      }
      case "chat.deleteScheduledMessage" -> {
        Scheduled gone = scheduled.get(p.getOrDefault("scheduled_message_id", ""));
        if (gone == null || !gone.channel().equals(p.get("channel"))) {
          return fail("invalid_scheduled_message_id");
        }
        scheduled.remove(gone.id());
      }
      case "chat.scheduledMessages.list" -> {
        ArrayNode list = ok.putArray("scheduled_messages");
        scheduled.values().stream().filter(m -> p.get("channel") == null || m.channel().equals(p.get("channel")))
            .forEach(m -> list.addObject().put("id", m.id()).put("channel_id", m.channel()).put("post_at", m.postAt())
                .put("date_created", m.postAt() - 60).put("text", m.text()));
        ok.putObject("response_metadata").put("next_cursor", "");
      }
      case "files.getUploadURLExternal" -> {
        if (p.get("filename") == null || p.get("length") == null) {
          return fail("invalid_arguments");
        }
        String id = "F" + ids.incrementAndGet();
        pendingUploads.put(id, new String[] {p.get("filename"), p.get("length")});
        ok.put("file_id", id).put("upload_url", server.url("/upload/" + id).toString());
      }
      case "files.completeUploadExternal" -> {
        ArrayNode done = ok.putArray("files");
        try {
          for (var f : JSON.readTree(p.getOrDefault("files", "[]"))) {
            String id = f.path("id").asText();
            String[] pending = pendingUploads.get(id);
            byte[] bytes = uploaded.get(id);
            if (pending == null || bytes == null) {
              return fail("file_not_found");
            }
            if (bytes.length != Integer.parseInt(pending[1])) {
              return fail("file_upload_size_mismatch");
            }
            shared.add(new SharedFile(id, pending[0], p.get("channel_id"), f.path("title").asText(pending[0]),
                p.get("initial_comment"), bytes, clock.instant().getEpochSecond()));
            done.addObject().put("id", id).put("title", f.path("title").asText(pending[0])); // all Slack says
          }
        } catch (IOException e) {
          return fail("invalid_arguments");
        }
      }
      case "conversations.canvases.create" -> {
        Channel c = channels.get(p.get("channel_id"));
        if (c == null) {
          return fail("channel_not_found");
        }
        if (canvasesDisabled) {
          return fail("team_tier_cannot_create_channel_canvases");
        }
        if (c.canvasId != null) {
          return fail("channel_canvas_already_exists");
        }
        String markdown;
        try {
          markdown = JSON.readTree(p.getOrDefault("document_content", "{}")).path("markdown").asText();
        } catch (IOException e) {
          return fail("invalid_arguments");
        }
        String id = "F0CANVAS" + ids.incrementAndGet();
        canvases.put(id, markdown); // the content first: whoever sees the channel's canvas id can read it
        c.canvasId = id;
        ok.put("canvas_id", id);
      }
      case "files.list" -> {
        // as Slack: newest first, in a channel, between ts_from and ts_to (seconds, both included), paged by page
        long from = Long.parseLong(p.getOrDefault("ts_from", "0"));
        long to = p.get("ts_to") == null ? Long.MAX_VALUE : Long.parseLong(p.get("ts_to"));
        List<SharedFile> files = shared.stream()
            .filter(f -> p.get("channel") == null || p.get("channel").equals(f.channel()))
            .filter(f -> f.created() >= from && f.created() <= to)
            .sorted((a, b) -> Long.compare(b.created(), a.created()))
            .toList();
        int count = Math.max(1, Integer.parseInt(p.getOrDefault("count", "100")));
        int page = Math.max(1, Integer.parseInt(p.getOrDefault("page", "1")));
        ArrayNode list = ok.putArray("files");
        files.stream().skip((long) (page - 1) * count).limit(count).forEach(f -> list.addObject().put("id", f.id())
            .put("name", f.filename()).put("title", f.title()).put("created", f.created())
            .put("timestamp", f.created()).put("user", BOT_USER).set("channels", JSON.createArrayNode().add(f.channel())));
        ok.putObject("paging").put("count", count).put("total", files.size()).put("page", page)
            .put("pages", Math.max(1, (files.size() + count - 1) / count));
      }
      case "files.info" -> {
        String id = p.getOrDefault("file", "");
        boolean canvas = canvases.containsKey(id) || channels.values().stream().anyMatch(c -> id.equals(c.canvasId));
        var file = shared.stream().filter(f -> f.id().equals(id)).findFirst();
        if (canvas) {
          ok.putObject("file").put("id", id).put("filetype", "quip")
              .put("permalink", "https://candor-test.slack.com/docs/" + TEAM + "/" + id);
        } else if (file.isPresent()) {
          ok.putObject("file").put("id", id).put("name", file.get().filename())
              .put("permalink", "https://candor-test.slack.com/files/" + BOT_USER + "/" + id + "/" + file.get().filename());
        } else {
          return fail("file_not_found");
        }
      }
      case "apps.connections.open" -> ok.put("url", server.url("/socket").toString().replaceFirst("^http", "ws"));
      default -> { }
    }
    return ok;
  }

  /** Slack's cursor paging: {@code limit} per page, the next cursor in response_metadata. */
  private static void page(ObjectNode ok, List<ObjectNode> all, Map<String, String> p) {
    int asked = p.get("limit") == null || p.get("limit").isEmpty() ? 0 : Integer.parseInt(p.get("limit"));
    int limit = asked <= 0 ? 100 : Math.min(asked, 999); // Slack's default, and its most
    int from = p.get("cursor") == null || p.get("cursor").isEmpty() ? 0 : Integer.parseInt(p.get("cursor").substring(5));
    ArrayNode messages = ok.putArray("messages");
    all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())).forEach(messages::add);
    boolean more = from + limit < all.size();
    ok.put("has_more", more);
    ok.putObject("response_metadata").put("next_cursor", more ? "page:" + (from + limit) : "");
  }

  private ObjectNode channel(Channel c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id).put("name", c.name).put("is_channel", !c.isPrivate).put("is_group", c.isPrivate)
        .put("is_private", c.isPrivate).put("is_member", c.botIsMember).put("is_archived", c.archived)
        .put("creator", c.creator);
    n.putObject("topic").put("value", c.topic);
    if (c.canvasId != null) {
      n.putObject("properties").putObject("canvas").put("file_id", c.canvasId).put("is_empty", false);
    }
    return n;
  }

  private String ts() {
    return clock.instant().getEpochSecond() + "." + String.format("%06d", ids.incrementAndGet() % 1_000_000);
  }

  private static ObjectNode fail(String error) {
    return JSON.createObjectNode().put("ok", false).put("error", error);
  }

  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body).build();
  }

  @Override
  public void close() {
    gates.forEach(Gate::release);
    server.close();
  }
}
