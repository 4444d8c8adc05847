package dev.candor.slack.platform;

import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails;
import com.slack.api.model.File;
import java.io.IOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Shares a file in a channel with Slack's external upload flow: files.getUploadURLExternal, a POST of
 * the bytes to the URL Slack hands out, then files.completeUploadExternal.
 */
public final class SlackFiles {
  private static final MediaType BYTES = MediaType.get("application/octet-stream");

  private final SlackGateway slack;
  private final OkHttpClient http;

  public SlackFiles(SlackGateway slack, OkHttpClient http) {
    this.slack = slack;
    this.http = http;
  }

  /** A file Slack now holds: its id and, when Slack says, its permalink. */
  public record Shared(String id, String permalink) {}

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
