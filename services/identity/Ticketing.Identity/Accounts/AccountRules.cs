using System.Net.Mail;

namespace Ticketing.Identity.Accounts;

/// <summary>What makes an email, password and name acceptable; each check says what is wrong.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    public static string? EmailProblem(string email)
    {
        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength
            || !MailAddress.TryCreate(trimmed, out var address)
            || address.Address != trimmed
            || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            return "Email is not a valid address";
        }
        return null;
    }

    public static string? PasswordProblem(string password) => password.Length switch
    {
        < MinPasswordLength => $"Password must be at least {MinPasswordLength} characters",
        > MaxPasswordLength => $"Password must be at most {MaxPasswordLength} characters",
        _ => null,
    };

    public static string? NameProblem(string name) => name.Trim().Length switch
    {
        0 => "Name is required",
        > MaxNameLength => $"Name must be at most {MaxNameLength} characters",
        _ => null,
    };
}
