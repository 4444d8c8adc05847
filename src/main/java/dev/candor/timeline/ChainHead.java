package dev.candor.timeline;

import dev.candor.incident.IncidentId;

/**
 * Where an incident's evidence stands, sealed under the evidence key: how many entries its chain holds, the last
 * one's hash, and the MAC of its incident row ({@link HashChain#incidentMac}). Moved in the transaction of every
 * append, redaction and incident change, so entries cut off the end of a chain, or an incident row edited by hand,
 * no longer match it.
 */
public record ChainHead(IncidentId incident, long entries, String lastHash, String incidentMac, String mac) {}
