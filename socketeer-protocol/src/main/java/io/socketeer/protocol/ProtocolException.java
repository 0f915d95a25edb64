package io.socketeer.protocol;

import java.util.Objects;

/**
 * The one error every Socketeer decoder raises for input that does not follow the Engine.IO or
 * Socket.IO wire format.
 *
 * <p>A decoder never throws anything else for bad input, and never returns a partial object. The
 * {@link #kind()} says which rule was broken; {@link #getMessage()} is the text the reference
 * JavaScript parser uses for the same fault where it has one (for example {@code "invalid
 * payload"} or {@code "too many attachments"}), so logs and {@code error} events read the same as
 * with a Node server. The message never contains the offending input, which may be large or
 * hostile.
 *
 * <p>The exception carries no stack trace: it is raised for peer input, not for bugs, and a peer can
 * raise it as often as it likes.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which wire-format rule the input broke. */
  public enum Kind {
    /** Engine.IO: the packet is empty; there is no type character to read. */
    EMPTY_PACKET,
    /** Engine.IO or Socket.IO: the type character is not a known packet type. */
    UNKNOWN_PACKET_TYPE,
    /** Engine.IO: base64 data of a binary packet is not valid base64. */
    INVALID_BASE64,
    /** Engine.IO: a polling payload is malformed (empty piece, bad v3 length prefix, ...). */
    INVALID_PAYLOAD_FRAMING,
    /** Socket.IO: the data is not valid JSON, or has the wrong shape for the packet type. */
    INVALID_PAYLOAD,
    /** Socket.IO: the attachment count of a binary packet is missing or not a positive integer. */
    ILLEGAL_ATTACHMENTS,
    /** Socket.IO: the attachment count is above the decoder's limit. */
    TOO_MANY_ATTACHMENTS,
    /** Socket.IO: a placeholder names an attachment that does not exist. */
    ILLEGAL_ATTACHMENT_REFERENCE,
    /** Socket.IO: a text packet arrived while the attachments of a binary packet were awaited. */
    UNEXPECTED_TEXT,
    /** Socket.IO: a binary message arrived while no binary packet was awaiting attachments. */
    UNEXPECTED_BINARY,
    /** A packet (text and attachments together) is larger than the decoder's limit. */
    PACKET_TOO_LARGE
  }

  private final Kind kind;

  /**
   * Creates an error of the given kind.
   *
   * @param kind the rule that was broken, not null
   * @param message a short description without the offending input, not null
   */
  public ProtocolException(Kind kind, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Returns which wire-format rule the input broke; never null. */
  public Kind kind() {
    return kind;
  }
}
