package dev.candor.slack.card;

/** The action and callback ids of the incident card, its buttons and its small forms: one spelling for all. */
enum CardAction {
  POST_UPDATE("card_post_update"),
  SEVERITY("card_severity"),
  ROLES("card_roles"),
  RESOLVE("card_resolve"),
  REOPEN("card_reopen"),
  PICK_COMMS("card_pick_comms"),
  PICK_SCRIBE("card_pick_scribe"),
  SEVERITY_FORM("card_severity_form"),
  ROLES_FORM("card_roles_form"),
  RESOLVE_FORM("card_resolve_form");

  private final String id;

  CardAction(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }
}
