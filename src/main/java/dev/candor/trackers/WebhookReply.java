package dev.candor.trackers;

/** What Candor answers a tracker's webhook: a status (200, 202, 400, 401) and a few words. */
public record WebhookReply(int status, String message) {}
