package dev.candor.main;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * A logged exception with its secrets masked as the timeline masks text ({@code %maskedEx} in logback.xml): an
 * exception's message, or its cause's, may carry a payload (a Slack SDK error quoting the request), and the stack
 * trace goes to the log as {@link MaskedMessage} sends the message, masked, its frames as they were.
 */
public final class MaskedThrowable extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return MaskedMessage.mask(super.throwableProxyToString(proxy));
  }
}
