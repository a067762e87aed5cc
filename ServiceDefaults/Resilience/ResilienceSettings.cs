using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Ticketing.ServiceDefaults.Settings;

namespace Ticketing.ServiceDefaults.Resilience;

/// <summary>
/// Configuration section <c>Resilience</c>: the timeout, retry and circuit breaker of every hop a request or a
/// message takes, in one place, and the only place they are read from. The defaults below are what runs;
/// any of them can be overridden per process (<c>Resilience__Redis__OperationTimeout=00:00:01</c>).
/// RESILIENCE.md says what each protects against and what the fault suite saw.
/// Retries only ever repeat what is safe to repeat: reads, and calls the callee makes idempotent.
/// </summary>
public sealed class ResilienceSettings : IValidatableObject
{
    public const string SectionName = "Resilience";

    /// <summary>Gateway to a service's REST API, through YARP.</summary>
    public GatewayHop Gateway { get; set; } = new();

    /// <summary>Any HttpClient of a service (and the transport under every gRPC client): the standard resilience handler.</summary>
    public HttpHop Http { get; set; } = new();

    /// <summary>Service to service internal gRPC: its retries (the timeout and breaker are <see cref="Http"/>'s).</summary>
    public GrpcHop Grpc { get; set; } = new();

    public RedisHop Redis { get; set; } = new();

    public PostgresHop Postgres { get; set; } = new();

    public RabbitMqHop RabbitMq { get; set; } = new();

    /// <summary>Orders to the payment provider (read by orders' PaymentGateway).</summary>
    public PaymentHop Payments { get; set; } = new();

    public static ResilienceSettings From(IConfiguration configuration) => configuration.ReadSettings<ResilienceSettings>(SectionName);

    /// <summary>Each hop's own rules, named by its path (data annotations do not look into nested objects).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, object Hop)[] hops = [(nameof(Gateway), Gateway), (nameof(Http), Http), (nameof(Grpc), Grpc), (nameof(Redis), Redis),
            (nameof(Postgres), Postgres), (nameof(RabbitMq), RabbitMq), (nameof(Payments), Payments)];
        foreach (var (name, hop) in hops)
        {
            foreach (var failure in SettingsBinding.Failures(hop, name))
            {
                yield return new ValidationResult(failure);
            }
        }
    }
}

/// <summary>
/// YARP never retries (it can not know a POST is safe to repeat). Timeouts, and a breaker per service
/// (<c>GatewayBreaker</c>): a service that hangs costs the first few requests the activity timeout, not every one.
/// </summary>
public sealed class GatewayHop
{
    /// <summary>A service that does not accept the connection within this is unavailable (503 with Retry-After).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A service silent for this long is cut off (504). Above checkout's 10 s wait for the saga
    /// (<c>Checkout:ResponseWait</c>) and the seat stream's 15 s heartbeat.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in a row the service failed (refused, reset, timed out) that open its breaker.</summary>
    [Range(1, int.MaxValue)]
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker answers 503 at once before requests go through again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Microsoft.Extensions.Http.Resilience's standard handler; the defaults are its own.</summary>
public sealed class HttpHop
{
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of GET, HEAD, OPTIONS and TRACE only; POST, PUT, PATCH and DELETE (so every gRPC call) are never retried here.</summary>
    [Range(1, 100)]
    public int MaxRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(0.0, 1.0)]

    public double BreakerFailureRatio { get; set; } = 0.1;

    [Range(2, int.MaxValue)]

    public int BreakerMinimumThroughput { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// gRPC's own retry policy, for clients whose every method is safe to repeat (reads, or idempotent by
/// design such as inventory's ConfirmHold, ReleaseHold and ReturnSale). Only UNAVAILABLE is retried: the
/// call did not reach a service that could answer. A deadline or any answer from the service is final.
/// </summary>
public sealed class GrpcHop
{
    /// <summary>Attempts in all, the first one included.</summary>
    [Range(2, 5)]
    public int MaxAttempts { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// StackExchange.Redis: reconnects in the background; while it is disconnected a command fails at once and
/// callers see RedisConnectionException (503, or their fallback: identity reads sessions from PostgreSQL).
/// </summary>
public sealed class RedisHop
{
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Each command, sync or async; no retries (the Lua scripts are not all safe to repeat).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(0, 100)]

    public int ConnectRetry { get; set; } = 1;

    /// <summary>
    /// While disconnected, fail a command at once instead of queueing it until <see cref="OperationTimeout"/>:
    /// a request that needs a stopped Redis answers 503 in milliseconds, not seconds (the fault suite's bound is 3 s,
    /// and identity's session fallback to PostgreSQL must fit in the gateway's 3 s deadline).
    /// </summary>
    public bool FailFastWhenDisconnected { get; set; } = true;

    /// <summary>
    /// How long a starting process waits for its first connection before it serves. Without this wait, fail-fast
    /// fails the first commands of a process whose connection is still being made, and identity's login throttling
    /// (which fails open without Redis) let a burst of guesses through (LoginThrottlingTests). A Redis that stays
    /// down past this does not stop the start: the process serves 503s until it connects.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Npgsql (through EF Core). No automatic retries: work runs in explicit transactions that EF's retrying
/// strategy can not repeat; the caller retries (a message is redelivered, migrations loop until the server answers).
/// </summary>
public sealed class PostgresHop
{
    /// <summary>A server that does not accept a connection within this fails the request (503), never a hang.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>MassTransit on RabbitMQ: reconnects by itself; a failed consume is retried in memory, then goes to the _error queue.</summary>
public sealed class RabbitMqHop
{
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of a message whose consumer threw, exponential from <see cref="ConsumeRetryMinDelay"/> to
    /// <see cref="ConsumeRetryMaxDelay"/>: about 3 minutes in all, longer than a service takes to restart.
    /// Shorter is not enough: a payment answer whose ConfirmHold meets a restarting inventory must still reach the saga,
    /// or the purchase waits in Paying with the fan charged until the scheduler asks again.
    /// </summary>
    [Range(0, 1000)]
    public int ConsumeRetries { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]

    public TimeSpan ConsumeRetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]

    public TimeSpan ConsumeRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]

    public TimeSpan ConsumeRetryDelta { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a publish waits for RabbitMQ's confirm before it fails (<c>BoundedPublish</c>): a confirm lost in a
    /// broker restart would otherwise hold the publish, and MassTransit's shared channel with it, forever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On a graceful stop, how long consumers in flight may finish before the bus closes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// A timeout and a circuit breaker; no retries here: an unavailable provider is a 503 the fan may retry,
/// charges and refunds carry idempotency keys, and orders' scheduler re-sends refunds that did not go through.
/// </summary>
public sealed class PaymentHop
{
    /// <summary>A call slower than this counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of failed calls in <see cref="SamplingDuration"/> that opens the breaker.</summary>
    [Range(0.0, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(2, int.MaxValue)]

    public int MinimumThroughput { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the breaker stays open before one trial call is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
