using System.CommandLine;
using Baton.Core.Data;
using Baton.Core.People;
using Baton.Core.Playbook;
using Baton.Web;
using Microsoft.EntityFrameworkCore;

namespace Baton.Cli;

/// <summary>
/// <c>baton users add|list|disable|enable</c> and <c>baton tokens create|list|revoke</c>: the accounts of a team without
/// an identity provider, and API tokens for scripts. Settings as for <c>serve</c> (--Database:ConnectionString=…).
/// </summary>
internal static class UsersCommand
{
    public static Command Users(CliOutput output)
    {
        var email = new Argument<string>("email") { Description = "The person's e-mail: it ties them to the playbook's team, Slack and the CRM." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the team member's, else the e-mail)." };
        var role = new Option<string?>("--role") { Description = $"One of {string.Join(", ", AccessRoles.All)} (default: from the person's playbook role, else viewer)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read a password (12+ characters) from standard input, for a local account." };
        var playbook = PlaybookOption.Create();
        var add = new Command("add", "Add a user. Without --password-stdin they sign in through OpenID Connect only.") { email, name, role, passwordStdin, playbook };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parse, ct) => WithUsersAsync(parse.GetValue(playbook), parse.UnmatchedTokens, output, "baton users add", async (users, db, context) =>
        {
            var password = parse.GetValue(passwordStdin) ? Console.In.ReadLine() ?? "" : null;
            var member = context.Playbook.Team.FirstOrDefault(p => string.Equals(p.Email, parse.GetValue(email)!.Trim(), StringComparison.OrdinalIgnoreCase));
            var chosen = parse.GetValue(role) ?? (member is null ? AccessRoles.Viewer : AccessRoles.ForTeamRole(member.Role));
            var (user, problem) = await users.AddAsync(parse.GetValue(email)!, parse.GetValue(name), chosen, password, ct);
            if (user is null)
            {
                output.Error.WriteLine($"baton users add: {problem}");
                return ExitCodes.BadInput;
            }
            await db.SaveChangesAsync(ct);
            output.Out.WriteLine($"Added {user.Email} ({user.Role}){(member is null ? ", not in the playbook's team" : $", team member {member.Id}")}{(password is null ? ", OpenID Connect sign-in only" : ", with a password")}.");
            return ExitCodes.Ok;
        }, ct));

        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var listPlaybook = PlaybookOption.Create();
        var list = new Command("list", "List users: e-mail, name, role, status, last sign-in.") { format, listPlaybook };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parse, ct) => WithUsersAsync(parse.GetValue(listPlaybook), parse.UnmatchedTokens, output, "baton users list", async (users, _, _) =>
        {
            var all = await users.ListAsync(ct);
            if (parse.GetValue(format) == "json")
                output.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(all.Select(u => new
                {
                    u.Id, u.Email, u.Name, u.Role, u.Disabled, localAccount = u.PasswordHash is not null, u.LastSignInAtUtc, u.LockedUntilUtc,
                }), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true }));
            else
            {
                output.Out.WriteLine($"{"E-MAIL",-36} {"NAME",-22} {"ROLE",-8} {"STATUS",-9} LAST SIGN-IN (UTC)");
                foreach (var u in all)
                    output.Out.WriteLine($"{u.Email,-36} {Cut(u.Name, 22),-22} {u.Role,-8} {(u.Disabled ? "disabled" : "active"),-9} {u.LastSignInAtUtc?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}");
            }
            return ExitCodes.Ok;
        }, ct));

        return new Command("users", "Baton's users: local accounts and the people who sign in through OpenID Connect.")
        {
            add, list, Toggle(output, "disable", disabled: true), Toggle(output, "enable", disabled: false),
        };
    }

    private static Command Toggle(CliOutput output, string verb, bool disabled)
    {
        var email = new Argument<string>("email");
        var playbook = PlaybookOption.Create();
        var command = new Command(verb, disabled ? "Disable a user: their sessions end at the next request and their tokens stop working." : "Enable a disabled user.") { email, playbook };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => WithUsersAsync(parse.GetValue(playbook), parse.UnmatchedTokens, output, $"baton users {verb}", async (users, db, _) =>
        {
            var user = await users.FindAsync(parse.GetValue(email)!, ct);
            if (user is null)
            {
                output.Error.WriteLine($"baton users {verb}: no user '{parse.GetValue(email)}'");
                return ExitCodes.BadInput;
            }
            if (user.Disabled != disabled)
            {
                user.Disabled = disabled;
                user.Version++;
                await db.SaveChangesAsync(ct);
            }
            output.Out.WriteLine($"{user.Email} is {(disabled ? "disabled" : "active")}.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Tokens(CliOutput output)
    {
        var email = new Argument<string>("email") { Description = "Whose token: it acts as this user, with their role." };
        var name = new Option<string>("--name") { Description = "What the token is for.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "read, write or read,write.", DefaultValueFactory = _ => "read" };
        var days = new Option<int?>("--expires-days") { Description = "Days until it expires (default: never)." };
        var playbook = PlaybookOption.Create();
        var create = new Command("create", "Create an API token and print it once; only its hash is stored.") { email, name, scopes, days, playbook };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction((parse, ct) => WithUsersAsync(parse.GetValue(playbook), parse.UnmatchedTokens, output, "baton tokens create", async (users, db, _) =>
        {
            var user = await users.FindAsync(parse.GetValue(email)!, ct);
            if (user is null || user.Disabled)
            {
                output.Error.WriteLine($"baton tokens create: no active user '{parse.GetValue(email)}' (add one with `baton users add`)");
                return ExitCodes.BadInput;
            }
            var wanted = parse.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (wanted.Length == 0 || wanted.FirstOrDefault(s => !Core.People.Users.Scopes.Contains(s)) is { } unknown)
            {
                output.Error.WriteLine($"baton tokens create: --scopes '{parse.GetValue(scopes)}': scopes are {string.Join(", ", Core.People.Users.Scopes)}");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(days) is < 1 or > 3650)
            {
                output.Error.WriteLine("baton tokens create: --expires-days must be between 1 and 3650");
                return ExitCodes.BadInput;
            }
            var expires = parse.GetValue(days) is { } d ? DateTime.UtcNow.AddDays(d) : (DateTime?)null;
            var (row, secret) = users.IssueToken(user, parse.GetValue(name)!, wanted, expires);
            await db.SaveChangesAsync(ct);
            output.Error.WriteLine($"Token {row.Id} for {user.Email} ({row.Scopes}{(expires is null ? "" : $", expires {expires:yyyy-MM-dd}")}). It is shown once:");
            output.Out.WriteLine(secret);
            return ExitCodes.Ok;
        }, ct));

        var listPlaybook = PlaybookOption.Create();
        var list = new Command("list", "List tokens (never their secrets).") { listPlaybook };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parse, ct) => WithUsersAsync(parse.GetValue(listPlaybook), parse.UnmatchedTokens, output, "baton tokens list", async (_, db, _) =>
        {
            output.Out.WriteLine($"{"ID",-14} {"USER",-32} {"NAME",-20} {"SCOPES",-11} STATUS");
            foreach (var t in await db.ApiTokens.AsNoTracking().OrderBy(t => t.UserId).ThenBy(t => t.CreatedAtUtc).ToListAsync(ct))
                output.Out.WriteLine($"{t.Id,-14} {t.UserId,-32} {Cut(t.Name, 20),-20} {t.Scopes,-11} {(t.RevokedAtUtc is not null ? "revoked" : t.ExpiresAtUtc <= DateTime.UtcNow ? "expired" : "active")}");
            return ExitCodes.Ok;
        }, ct));

        var id = new Argument<string>("id") { Description = "The token's id (the part after bt_ and before the next _)." };
        var revokePlaybook = PlaybookOption.Create();
        var revoke = new Command("revoke", "Revoke a token: it stops working at once.") { id, revokePlaybook };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction((parse, ct) => WithUsersAsync(parse.GetValue(revokePlaybook), parse.UnmatchedTokens, output, "baton tokens revoke", async (_, db, _) =>
        {
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == parse.GetValue(id), ct);
            if (token is null)
            {
                output.Error.WriteLine($"baton tokens revoke: no token '{parse.GetValue(id)}'");
                return ExitCodes.BadInput;
            }
            token.RevokedAtUtc ??= DateTime.UtcNow;
            await db.SaveChangesAsync(ct);
            output.Out.WriteLine($"Token {token.Id} is revoked.");
            return ExitCodes.Ok;
        }, ct));

        return new Command("tokens", "API tokens for scripts: Authorization: Bearer bt_….") { create, list, revoke };
    }

    private static string Cut(string value, int width) => value.Length <= width ? value : value[..(width - 1)] + "…";

    private static async Task<int> WithUsersAsync(string? playbookDir, IReadOnlyList<string> settings, CliOutput output, string name,
        Func<Core.People.Users, BatonDb, PlaybookContext, Task<int>> work, CancellationToken ct)
    {
        var directory = PlaybookOption.Resolve(playbookDir);
        var loaded = PlaybookLoader.Load(directory);
        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors) output.Error.WriteLine(e);
            return ExitCodes.BadInput;
        }
        var context = new PlaybookContext(loaded.Playbook!, directory);
        await using var app = BatonWeb.Build([.. settings], context, runPumps: false,
            settings: [new("Logging:LogLevel:Default", "Warning")]);
        await BatonWeb.MigrateAsync(app, ct, quiet: true);
        using var scope = app.Services.CreateScope();
        try
        {
            return await work(scope.ServiceProvider.GetRequiredService<Core.People.Users>(), scope.ServiceProvider.GetRequiredService<BatonDb>(), context);
        }
        catch (DbUpdateException e)
        {
            output.Error.WriteLine($"{name}: the database refused the change: {e.InnerException?.Message ?? e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
