package io.socketeer.adminui;

import io.socketeer.protocol.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Pattern;

/**
 * Settings of {@link AdminUi#instrument}, those of the reference's {@code instrument(io, opts)}.
 * Immutable; made with {@link #builder()}, which requires {@link Builder#auth} to be chosen, as the
 * reference requires its {@code auth} option.
 */
public final class AdminUiOptions {
  /** What the dashboard is sent, as the reference's {@code mode}. */
  public enum Mode {
    /** Every socket, room and event is reported (and {@code all_sockets} on connection). */
    DEVELOPMENT,
    /** Only the periodic {@code server_stats}, for performance. */
    PRODUCTION
  }

  private final String namespaceName;
  private final Auth auth;
  private final boolean readonly;
  private final String serverId;
  private final Mode mode;
  private final Duration serverStatsInterval;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Executor passwordExecutor;

  private AdminUiOptions(Builder b) {
    this.namespaceName = b.namespaceName;
    this.auth = b.auth;
    this.readonly = b.readonly;
    this.serverId = b.serverId;
    this.mode = b.mode;
    this.serverStatsInterval = b.serverStatsInterval;
    this.scheduler = b.scheduler;
    this.clock = b.clock;
    this.passwordExecutor = b.passwordExecutor;
  }

  /** Returns a builder with the reference's defaults; {@link Builder#auth} must still be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.namespaceName = namespaceName;
    b.auth = auth;
    b.readonly = readonly;
    b.serverId = serverId;
    b.mode = mode;
    b.serverStatsInterval = serverStatsInterval;
    b.scheduler = scheduler;
    b.clock = clock;
    b.passwordExecutor = passwordExecutor;
    return b;
  }

  /** The dashboard's namespace; default {@code /admin}. */
  public String namespaceName() {
    return namespaceName;
  }

  /** How the dashboard authenticates; never null. */
  public Auth auth() {
    return auth;
  }

  /** Whether the dashboard's commands (emit, join, leave, disconnect) are refused; default false. */
  public boolean readonly() {
    return readonly;
  }

  /** The id the server reports, or null (the default) for the host name. */
  public String serverId() {
    return serverId;
  }

  /** The mode; default {@link Mode#DEVELOPMENT}, as the reference without {@code NODE_ENV}. */
  public Mode mode() {
    return mode;
  }

  /** How often {@code server_stats} is sent; default 2 s (fixed at 2 s in the reference 0.5.1). */
  public Duration serverStatsInterval() {
    return serverStatsInterval;
  }

  /** The timer of {@code server_stats}, or null (the default) for a shared JDK timer thread. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The clock of the dates sent to the dashboard; default the system clock (UTC). */
  public Clock clock() {
    return clock;
  }

  /** Where bcrypt hashes are checked (slow on purpose, so never on an event loop); default the common pool. */
  public Executor passwordExecutor() {
    return passwordExecutor;
  }

  /** How the dashboard authenticates: {@link #none()} or {@link #basic(String, String)}. Immutable. */
  public static final class Auth {
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private final String username;
    private final String passwordHash;

    private Auth(String username, String passwordHash) {
      this.username = username;
      this.passwordHash = passwordHash;
    }

    /** No authentication (the reference's {@code auth: false}): anyone who reaches the server is admin. */
    public static Auth none() {
      return new Auth(null, null);
    }

    /**
     * User name and password, checked against a bcrypt hash (the reference's {@code type: "basic"}).
     *
     * @param passwordHash a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), such as the
     *     dashboard's documentation makes with {@code bcryptjs}
     * @throws IllegalArgumentException if {@code passwordHash} is not a bcrypt hash
     */
    public static Auth basic(String username, String passwordHash) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(passwordHash, "passwordHash");
      if (!BCRYPT.matcher(passwordHash).matches()) {
        throw new IllegalArgumentException("the password must be a valid bcrypt hash");
      }
      return new Auth(username, passwordHash);
    }

    /** Returns true for {@link #basic}. */
    public boolean isBasic() {
      return username != null;
    }

    /** Returns the user name of {@link #basic}, or null. */
    public String username() {
      return username;
    }

    /** Returns the bcrypt hash of {@link #basic}, or null. */
    public String passwordHash() {
      return passwordHash;
    }

    @Override
    public String toString() {
      return isBasic() ? "basic(" + username + ")" : "none";
    }
  }

  /** Builds {@link AdminUiOptions}. */
  public static final class Builder {
    private String namespaceName = "/admin";
    private Auth auth;
    private boolean readonly;
    private String serverId;
    private Mode mode = Mode.DEVELOPMENT;
    private Duration serverStatsInterval = Duration.ofSeconds(2);
    private Scheduler scheduler;
    private Clock clock = Clock.systemUTC();
    private Executor passwordExecutor = ForkJoinPool.commonPool();

    private Builder() {}

    /** See {@link AdminUiOptions#namespaceName()}. */
    public Builder namespaceName(String value) {
      this.namespaceName = Objects.requireNonNull(value, "namespaceName");
      return this;
    }

    /** See {@link AdminUiOptions#auth()}; required. */
    public Builder auth(Auth value) {
      this.auth = Objects.requireNonNull(value, "auth");
      return this;
    }

    /** See {@link AdminUiOptions#readonly()}. */
    public Builder readonly(boolean value) {
      this.readonly = value;
      return this;
    }

    /** See {@link AdminUiOptions#serverId()}; null for the host name. */
    public Builder serverId(String value) {
      this.serverId = value;
      return this;
    }

    /** See {@link AdminUiOptions#mode()}. */
    public Builder mode(Mode value) {
      this.mode = Objects.requireNonNull(value, "mode");
      return this;
    }

    /** See {@link AdminUiOptions#serverStatsInterval()}. */
    public Builder serverStatsInterval(Duration value) {
      this.serverStatsInterval = Objects.requireNonNull(value, "serverStatsInterval");
      return this;
    }

    /** See {@link AdminUiOptions#scheduler()}; null for the shared JDK timer. */
    public Builder scheduler(Scheduler value) {
      this.scheduler = value;
      return this;
    }

    /** See {@link AdminUiOptions#clock()}. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** See {@link AdminUiOptions#passwordExecutor()}. */
    public Builder passwordExecutor(Executor value) {
      this.passwordExecutor = Objects.requireNonNull(value, "passwordExecutor");
      return this;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalStateException if no {@link #auth} was chosen
     * @throws IllegalArgumentException if the stats interval is not positive
     */
    public AdminUiOptions build() {
      if (auth == null) {
        throw new IllegalStateException("the auth option must be set: Auth.basic(user, bcryptHash) or Auth.none()");
      }
      if (serverStatsInterval.isZero() || serverStatsInterval.isNegative()) {
        throw new IllegalArgumentException("serverStatsInterval must be positive: " + serverStatsInterval);
      }
      return new AdminUiOptions(this);
    }
  }
}
