package dev.candor.slack.platform;

import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.model.view.ViewState;
import java.util.List;
import java.util.Map;

/** The values of a submitted form, by block id, each input keeping its value under one action id. */
public final class FormState {
  private final Map<String, Map<String, ViewState.Value>> values;
  private final String actionId;

  private FormState(Map<String, Map<String, ViewState.Value>> values, String actionId) {
    this.values = values == null ? Map.of() : values;
    this.actionId = actionId;
  }

  public static FormState of(ViewSubmissionRequest req, String actionId) {
    var view = req.getPayload().getView();
    var state = view == null ? null : view.getState();
    return new FormState(state == null ? null : state.getValues(), actionId);
  }

  private ViewState.Value value(String block) {
    Map<String, ViewState.Value> inBlock = values.get(block);
    return inBlock == null ? null : inBlock.get(actionId);
  }

  /** Typed text, or the chosen option's value; empty when none. */
  public String text(String block) {
    ViewState.Value v = value(block);
    if (v == null) {
      return "";
    }
    if (v.getSelectedOption() != null) {
      return v.getSelectedOption().getValue();
    }
    return v.getValue() == null ? "" : v.getValue();
  }

  /** The user picked in a users_select, or null. */
  public String user(String block) {
    ViewState.Value v = value(block);
    return v == null || v.getSelectedUser() == null || v.getSelectedUser().isBlank() ? null : v.getSelectedUser();
  }

  /** The users picked in a multi_users_select; empty when none. */
  public List<String> users(String block) {
    ViewState.Value v = value(block);
    return v == null || v.getSelectedUsers() == null ? List.of() : v.getSelectedUsers();
  }

  /** The time picked in a timepicker ({@code HH:mm}), or null. */
  public String time(String block) {
    ViewState.Value v = value(block);
    return v == null ? null : v.getSelectedTime();
  }

  /** The date picked in a datepicker ({@code YYYY-MM-DD}), or null. */
  public String date(String block) {
    ViewState.Value v = value(block);
    return v == null ? null : v.getSelectedDate();
  }
}
