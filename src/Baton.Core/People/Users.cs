using System.Security.Cryptography;
using System.Text;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Domain.Playbook;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.People;

/// <summary>
/// Baton's users and API tokens: add, list, disable, check a password with lockout, issue and check tokens.
/// A user is tied to a playbook team member by e-mail; that is how Slack users and CRM owners, which Baton also knows
/// by e-mail, become the same person.
/// </summary>
public sealed class Users(BatonDb db, PlaybookContext context, TimeProvider time)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    public const string TokenPrefix = "bt_";
    private static readonly PasswordHasher<UserRow> Hasher = new();

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The playbook team member with this e-mail, if any.</summary>
    public TeamMember? TeamMemberFor(UserRow user) =>
        context.Playbook.Team.FirstOrDefault(p => string.Equals(p.Email, user.Email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The person id Baton records as the actor: the team member's id, else the user's own id.</summary>
    public string PersonId(UserRow user) => TeamMemberFor(user)?.Id ?? user.Id;

    public Task<UserRow?> FindAsync(string idOrEmail, CancellationToken ct)
    {
        var key = Normalize(idOrEmail);
        return db.Users.FirstOrDefaultAsync(u => u.Id == idOrEmail || u.Email == key, ct);
    }

    public Task<List<UserRow>> ListAsync(CancellationToken ct) => db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);

    /// <summary>Adds a user; the caller saves. Problems name the input that was wrong.</summary>
    public async Task<(UserRow? User, string? Problem)> AddAsync(string email, string? name, string role, string? password, CancellationToken ct)
    {
        var normalized = Normalize(email);
        if (!LooksLikeEmail(normalized)) return (null, $"'{email}' is not an e-mail address");
        if (!AccessRoles.IsKnown(role)) return (null, $"'{role}' is not a role; roles: {string.Join(", ", AccessRoles.All)}");
        if (password is not null && PasswordProblem(password) is { } weak) return (null, weak);
        if (await db.Users.AnyAsync(u => u.Email == normalized, ct)) return (null, $"a user with e-mail {normalized} exists");
        var member = context.Playbook.Team.FirstOrDefault(p => string.Equals(p.Email, normalized, StringComparison.OrdinalIgnoreCase));
        var id = member?.Id ?? normalized;
        if (await db.Users.AnyAsync(u => u.Id == id, ct)) id = normalized;
        var user = new UserRow
        {
            Id = id, Email = normalized, Name = string.IsNullOrWhiteSpace(name) ? member?.Name ?? normalized : name.Trim(), Role = role,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        if (password is not null) user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        return (user, null);
    }

    /// <summary>A team member who signs in through OpenID Connect for the first time gets a user with their role's default.</summary>
    public async Task<UserRow?> FindOrProvisionAsync(string email, string? name, CancellationToken ct)
    {
        var existing = await FindAsync(email, ct);
        if (existing is not null) return existing;
        var member = context.Playbook.Team.FirstOrDefault(p => string.Equals(p.Email, Normalize(email), StringComparison.OrdinalIgnoreCase));
        if (member is null) return null;
        var (user, _) = await AddAsync(email, name ?? member.Name, AccessRoles.ForTeamRole(member.Role), null, ct);
        return user;
    }

    public static string? PasswordProblem(string password) =>
        password.Length < 12 ? "a password needs at least 12 characters" : null;

    public void SetPassword(UserRow user, string password) => user.PasswordHash = Hasher.HashPassword(user, password);

    /// <summary>The result of a sign-in with a password.</summary>
    public enum SignInOutcome { Ok, Wrong, LockedOut, Disabled }

    /// <summary>Checks a password, counting failures: five in a row lock the account for 15 minutes. The caller saves.</summary>
    public SignInOutcome CheckPassword(UserRow? user, string password)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (user is null)
        {
            // Same work as a real check, so a wrong e-mail answers no faster than a wrong password.
            Hasher.VerifyHashedPassword(new UserRow { Id = "", Email = "", Name = "", Role = "" }, DummyHash, password);
            return SignInOutcome.Wrong;
        }
        if (user.Disabled) return SignInOutcome.Disabled;
        if (user.LockedUntilUtc is { } until && until > now) return SignInOutcome.LockedOut;
        var verdict = user.PasswordHash is null ? PasswordVerificationResult.Failed : Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailedSignIns)
            {
                user.LockedUntilUtc = now + Lockout;
                user.FailedSignIns = 0;
                return SignInOutcome.LockedOut;
            }
            return SignInOutcome.Wrong;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = Hasher.HashPassword(user, password);
        user.FailedSignIns = 0;
        user.LockedUntilUtc = null;
        user.LastSignInAtUtc = now;
        return SignInOutcome.Ok;
    }

    private static readonly string DummyHash = Hasher.HashPassword(new UserRow { Id = "", Email = "", Name = "", Role = "" }, "not a password of anyone");

    /// <summary>Issues a token; returns the row (to save) and the secret, which is shown once and never stored.</summary>
    public (ApiTokenRow Row, string Secret) IssueToken(UserRow user, string name, IReadOnlyCollection<string> scopes, DateTime? expiresAtUtc)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new ApiTokenRow
        {
            Id = id, UserId = user.Id, Name = name, SecretHash = Hash(secret), Scopes = string.Join(' ', scopes.Distinct().Order()),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime, ExpiresAtUtc = expiresAtUtc,
        };
        db.ApiTokens.Add(row);
        return (row, $"{TokenPrefix}{id}_{secret}");
    }

    public static readonly IReadOnlyList<string> Scopes = ["read", "write"];

    /// <summary>The token's row and user when the token is live, else why not (for the log, never the secret).</summary>
    public async Task<(ApiTokenRow? Token, UserRow? User, string? Problem)> CheckTokenAsync(string presented, CancellationToken ct)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal)) return (null, null, "not a Baton token");
        var rest = presented[TokenPrefix.Length..];
        var split = rest.IndexOf('_');
        if (split <= 0) return (null, null, "malformed token");
        var id = rest[..split];
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null) return (null, null, "unknown token");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.SecretHash), Encoding.ASCII.GetBytes(Hash(rest[(split + 1)..]))))
            return (null, null, "wrong secret");
        var now = time.GetUtcNow().UtcDateTime;
        if (token.RevokedAtUtc is not null) return (null, null, $"token {token.Id} was revoked");
        if (token.ExpiresAtUtc is { } expires && expires <= now) return (null, null, $"token {token.Id} expired");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (user is null || user.Disabled) return (null, null, "the token's user is disabled");
        // At most one write a minute per token: the API stays read-mostly.
        if (token.LastUsedAtUtc is null || now - token.LastUsedAtUtc > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAtUtc = now;
            await db.SaveChangesAsync(ct);
        }
        return (token, user, null);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool LooksLikeEmail(string value) =>
        value.Length <= 320 && value.IndexOf('@') is > 0 and var at && at < value.Length - 3 && value.IndexOf('.', at) > at + 1 && !value.Any(char.IsWhiteSpace);
}
