package dev.candor.slack.platform;

import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails;
import com.slack.api.model.File;
import com.slack.api.model.Paging;
import dev.candor.jobs.Job;
import dev.candor.jobs.SendLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Shares a file in a channel with Slack's external upload flow: files.getUploadURLExternal, a POST of
 * the bytes to the URL Slack hands out, then files.completeUploadExternal. A job shares its file once
 * ({@link #shareOnce}), across crashes, as {@link SlackJobMessages} sends a message once.
 */
public final class SlackFiles {
  private static final MediaType BYTES = MediaType.get("application/octet-stream");

  /** Files per page of files.list. */
  static final int LIST_PAGE = 100;

  private final SlackGateway slack;
  private final OkHttpClient http;
  private final SendLog sends;
  private final Clock clock;

  public SlackFiles(SlackGateway slack, OkHttpClient http, SendLog sends, Clock clock) {
    this.slack = slack;
    this.http = http;
    this.sends = sends;
    this.clock = clock;
  }

  /** A file Slack now holds: its id and, when Slack says, its permalink. */
  public record Shared(String id, String permalink) {}

  /**
   * Shares the file for {@code job}, unless that job shared it already: before the upload, the {@link SendLog}
   * records when the job began sharing {@code filename} in the channel; a later run of the job (retried, or resumed
   * after a crash between the share and the job's end) that finds the record looks for a file of that name and
   * title in the channel, shared since then (files.list, less {@link SlackJobMessages#CLOCK_SKEW}, every page), and
   * does not share it again if it is there.
   */
  public Shared shareOnce(Job job, String channelId, String filename, String title, byte[] content, String comment) {
    String target = "file:" + channelId + ":" + filename;
    Optional<Instant> begun = sends.begun(job, target);
    if (begun.isPresent()) {
      Optional<File> earlier = find(channelId, filename, title, begun.get().minus(SlackJobMessages.CLOCK_SKEW));
      if (earlier.isPresent()) {
        return new Shared(earlier.get().getId(), earlier.get().getPermalink());
      }
    }
    sends.begin(job, target, clock.instant());
    return share(channelId, filename, title, content, comment);
  }

  /** A file named {@code filename} with {@code title}, shared in {@code channelId} since {@code since}. */
  private Optional<File> find(String channelId, String filename, String title, Instant since) {
    String from = Long.toString(since.getEpochSecond());
    int page = 1;
    while (true) {
      int current = page;
      var listed = slack.call("files.list", c -> c.filesList(r -> r.channel(channelId).tsFrom(from).count(LIST_PAGE)
          .page(current)));
      for (File f : listed.getFiles() == null ? List.<File>of() : listed.getFiles()) {
        if (filename.equals(f.getName()) && title.equals(f.getTitle())) {
          return Optional.of(f);
        }
      }
      Paging paging = listed.getPaging();
      if (paging == null || paging.getPages() == null || current >= paging.getPages()) {
        return Optional.empty();
      }
      page++;
    }
  }

  public Shared share(String channelId, String filename, String title, byte[] content, String comment) {
    var url = slack.call("files.getUploadURLExternal",
        c -> c.filesGetUploadURLExternal(r -> r.filename(filename).length(content.length)));
    Request post = new Request.Builder().url(url.getUploadUrl()).post(RequestBody.create(content, BYTES)).build();
    try (Response r = http.newCall(post).execute()) {
      if (!r.isSuccessful()) {
        throw new SlackCallFailed("file upload", r.code() == 429 ? "ratelimited" : "http_" + r.code());
      }
    } catch (IOException e) {
      throw new SlackCallFailed("file upload", "unreachable (" + e.getClass().getSimpleName() + ")");
    }
    slack.call("files.completeUploadExternal", c -> c.filesCompleteUploadExternal(r -> r
        .files(List.of(FileDetails.builder().id(url.getFileId()).title(title).build()))
        .channelId(channelId).initialComment(comment)));
    return new Shared(url.getFileId(), permalink(url.getFileId()));
  }

  /** A file's permalink (files.info), or null when Slack won't say. */
  public String permalink(String fileId) {
    try {
      File file = slack.call("files.info", c -> c.filesInfo(r -> r.file(fileId))).getFile();
      return file == null ? null : file.getPermalink();
    } catch (SlackCallFailed e) {
      return null;
    }
  }
}
