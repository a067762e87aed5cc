using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ticketing.ServiceDefaults.Settings;

/// <summary>
/// Settings classes through the options pattern: bound from their configuration section and validated (their data
/// annotations, and any rule added to the returned builder) when the process starts, so a bad value stops it with a
/// message naming the setting instead of misbehaving later. Components take the settings class itself.
/// </summary>
public static class SettingsBinding
{
    private static readonly Lock ValidationLock = new();

    public static OptionsBuilder<T> AddSettings<T>(this IHostApplicationBuilder builder, string section) where T : class
    {
        builder.Services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        builder.Services.AddSingleton<IValidateOptions<T>>(new AnnotatedSettings<T>(section));
        return builder.Services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// Settings needed while the host is still being built, before anything is resolved: bound and validated at once,
    /// failing the same way as <see cref="AddSettings{T}"/>.
    /// </summary>
    public static T ReadSettings<T>(this IConfiguration configuration, string section) where T : class, new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        var failures = Failures(settings, section);
        return failures.Count == 0 ? settings : throw new OptionsValidationException(section, typeof(T), failures);
    }

    /// <summary>What is wrong with <paramref name="settings"/>, each failure named by its configuration path.</summary>
    public static List<string> Failures(object settings, string section)
    {
        var results = new List<ValidationResult>();
        // One validation at a time: RangeAttribute converts its bounds on first use without a lock, so two hosts that
        // start together in one process (the tests) can see a half-converted bound. Start-up only, so it costs nothing.
        lock (ValidationLock)
        {
            Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        }
        // A failure without members is a nested object's, already named by its path below the section.
        return [.. results.Select(r => r.MemberNames.Any() ? $"{section}:{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}" : $"{section}:{r.ErrorMessage}")];
    }
}

/// <summary>A settings class's data annotations as an options validator, through <see cref="SettingsBinding.Failures"/>.</summary>
internal sealed class AnnotatedSettings<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = SettingsBinding.Failures(options, section);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
