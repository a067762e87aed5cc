using System.Reflection;
using DotNet.Testcontainers.Configurations;

namespace Ticketing.Testing;

/// <summary>
/// A Testcontainers module builder's configuration made fit for a container on the host's network, with readiness
/// checks of our own instead of the module's.
/// <para>
/// Each module's <c>Init()</c> binds the image's default port to a random host port (5432, 6379, 5672) and the Redis
/// and RabbitMQ modules add a readiness check of their own (<c>redis-cli ping</c> on 6379, the log line "Server startup
/// complete"). The builders' <c>With*</c> methods only add to those (BuildConfiguration.Combine concatenates wait
/// strategies and merges port bindings); none removes one. On the host network the engine binds no port, so the
/// start would wait 15 s for a binding that never comes and fail, and the default checks would probe ports and log
/// lines our launchers do not use. So the configured builder's configuration is read (its protected
/// <c>DockerResourceConfiguration</c>, the property every derived builder implements) and passed to the module's
/// container through this proxy, which answers "no ports" and our readiness checks and forwards everything else:
/// image, command, environment, labels, the create-parameter modifier, the engine endpoint.
/// </para>
/// </summary>
public class HostNetworkConfiguration : DispatchProxy
{
    private IContainerConfiguration _configured = null!;
    private WaitStrategy[] _readiness = [];

    /// <summary>The builder's configuration, with no port bindings and only <paramref name="readiness"/> as readiness checks.</summary>
    public static IContainerConfiguration Of<TBuilder>(TBuilder builder, IWaitForContainerOS readiness)
    {
        var property = typeof(TBuilder).GetProperty("DockerResourceConfiguration", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            ?? throw new MissingMemberException(typeof(TBuilder).Name, "DockerResourceConfiguration");
        var proxy = Create<IContainerConfiguration, HostNetworkConfiguration>();
        var adapter = (HostNetworkConfiguration)(object)proxy;
        adapter._configured = (IContainerConfiguration)property.GetValue(builder)!;
        adapter._readiness = [.. readiness.Build()];
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
    {
        // Null, not empty: the container's configuration combines it with an empty one, which gives no bindings at all.
        "get_PortBindings" or "get_ExposedPorts" => null,
        "get_WaitStrategies" => _readiness,
        _ => Forward(targetMethod, args),
    };

    private object? Forward(MethodInfo targetMethod, object?[]? args)
    {
        try
        {
            return targetMethod.Invoke(_configured, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
