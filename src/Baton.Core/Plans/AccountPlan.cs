using System.Security.Cryptography;
using Baton.Core.Data;
using Baton.Core.Recording;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Plans;

/// <summary>What a person typed for one plan item.</summary>
public sealed record PlanItemInput(string Kind, string Title, string? Detail, string? Owner, DateTime? DueOnUtc, bool Shareable);

/// <summary>A plan change's answer: done, the item or deal is unknown, or the input is refused with a reason.</summary>
public abstract record PlanResult
{
    public sealed record Ok(PlanItemRow Item) : PlanResult;
    public sealed record NotFound : PlanResult;
    public sealed record Invalid(string Reason) : PlanResult;
}

/// <summary>
/// The account plan of a deal: items in three sections (pre-sale goals, onboarding, post-onboarding), each kind in its
/// own section, and the links the CSM shares with the customer. The rules live here, not in the page: a health note is
/// never shareable, a share link lasts 1 to 180 days, and only the SHA-256 of its token is stored. Changes are unsaved
/// until the caller saves.
/// </summary>
public sealed class AccountPlan(BatonDb db, Recorder recorder, TimeProvider time)
{
    public const string PreSale = "pre_sale", Onboarding = "onboarding", PostOnboarding = "post_onboarding";
    public const int DefaultShareDays = 30, MaxShareDays = 180;

    /// <summary>Each kind and the section it belongs to, in the order the page shows them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["goal"] = PreSale,
        ["date"] = Onboarding,
        ["milestone"] = Onboarding,
        ["setup"] = Onboarding,
        ["health_note"] = PostOnboarding,
        ["review"] = PostOnboarding,
        ["action"] = PostOnboarding,
        ["renewal"] = PostOnboarding,
    };

    /// <summary>Kinds the customer may see when marked shareable. Health notes are internal, always.</summary>
    public static bool MayShare(string kind) => Kinds.ContainsKey(kind) && kind != "health_note";

    /// <summary>Null when the input is acceptable; else why not.</summary>
    public static string? Check(PlanItemInput input)
    {
        if (!Kinds.ContainsKey(input.Kind)) return $"'{input.Kind}' is not a kind of plan item";
        if (string.IsNullOrWhiteSpace(input.Title)) return "a title is required";
        if (input.Title.Trim().Length > 300) return "the title is longer than 300 characters";
        if (input.Detail?.Length > 4000) return "the detail is longer than 4,000 characters";
        if (input.Owner?.Trim().Length > 200) return "the owner is longer than 200 characters";
        if (input.Shareable && !MayShare(input.Kind)) return "a health note is internal: it can never be shared with the customer";
        return null;
    }

    public Task<List<PlanItemRow>> ItemsAsync(string dealId, CancellationToken ct) =>
        db.PlanItems.AsNoTracking().Where(p => p.DealId == dealId).OrderBy(p => p.DueOnUtc == null).ThenBy(p => p.DueOnUtc).ThenBy(p => p.Id).ToListAsync(ct);

    public async Task<PlanResult> AddAsync(string dealId, PlanItemInput input, string actor, CancellationToken ct)
    {
        if (!await db.Deals.AnyAsync(d => d.Id == dealId, ct)) return new PlanResult.NotFound();
        if (Check(input) is { } reason) return new PlanResult.Invalid(reason);
        var now = time.GetUtcNow();
        var item = new PlanItemRow
        {
            DealId = dealId, Section = Kinds[input.Kind], Kind = input.Kind, Title = input.Title.Trim(), Detail = Blank(input.Detail), Owner = Blank(input.Owner),
            DueOnUtc = input.DueOnUtc, Shareable = input.Shareable, CreatedBy = actor, CreatedAtUtc = now.UtcDateTime,
        };
        db.PlanItems.Add(item);
        recorder.Event(dealId, "PlanItemAdded", new { kind = item.Kind, title = item.Title, shareable = item.Shareable }, actor, now);
        return new PlanResult.Ok(item);
    }

    public async Task<PlanResult> UpdateAsync(string dealId, long id, PlanItemInput input, string actor, CancellationToken ct)
    {
        var item = await db.PlanItems.FirstOrDefaultAsync(p => p.Id == id && p.DealId == dealId, ct);
        if (item is null) return new PlanResult.NotFound();
        if (Check(input) is { } reason) return new PlanResult.Invalid(reason);
        item.Kind = input.Kind;
        item.Section = Kinds[input.Kind];
        item.Title = input.Title.Trim();
        item.Detail = Blank(input.Detail);
        item.Owner = Blank(input.Owner);
        item.DueOnUtc = input.DueOnUtc;
        item.Shareable = input.Shareable;
        recorder.Event(dealId, "PlanItemChanged", new { id, kind = item.Kind, title = item.Title, shareable = item.Shareable }, actor, time.GetUtcNow());
        return new PlanResult.Ok(item);
    }

    /// <summary>Marks the item done, or open again.</summary>
    public async Task<PlanResult> CompleteAsync(string dealId, long id, bool done, string actor, CancellationToken ct)
    {
        var item = await db.PlanItems.FirstOrDefaultAsync(p => p.Id == id && p.DealId == dealId, ct);
        if (item is null) return new PlanResult.NotFound();
        var now = time.GetUtcNow();
        item.DoneAtUtc = done ? item.DoneAtUtc ?? now.UtcDateTime : null;
        recorder.Event(dealId, done ? "PlanItemDone" : "PlanItemReopened", new { id, title = item.Title }, actor, now);
        return new PlanResult.Ok(item);
    }

    public async Task<PlanResult> DeleteAsync(string dealId, long id, string actor, CancellationToken ct)
    {
        var item = await db.PlanItems.FirstOrDefaultAsync(p => p.Id == id && p.DealId == dealId, ct);
        if (item is null) return new PlanResult.NotFound();
        db.PlanItems.Remove(item);
        recorder.Event(dealId, "PlanItemDeleted", new { id, title = item.Title }, actor, time.GetUtcNow());
        return new PlanResult.Ok(item);
    }

    /// <summary>A new share link's token (32 random bytes, base64url), to show once; only its hash is stored.</summary>
    public (string Token, PlanShareRow Share) Share(string dealId, int days, string actor)
    {
        days = Math.Clamp(days, 1, MaxShareDays);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var share = new PlanShareRow { TokenHash = Hash(token), DealId = dealId, CreatedBy = actor, CreatedAtUtc = now.UtcDateTime, ExpiresAtUtc = now.UtcDateTime.AddDays(days) };
        db.PlanShares.Add(share);
        recorder.Event(dealId, "PlanShared", new { expiresAtUtc = share.ExpiresAtUtc, link = share.TokenHash[..8] }, actor, now);
        return (token, share);
    }

    public Task<List<PlanShareRow>> SharesAsync(string dealId, CancellationToken ct) =>
        db.PlanShares.AsNoTracking().Where(s => s.DealId == dealId).OrderByDescending(s => s.CreatedAtUtc).ToListAsync(ct);

    public async Task<bool> RevokeAsync(string dealId, string tokenHash, string actor, CancellationToken ct)
    {
        var share = await db.PlanShares.FirstOrDefaultAsync(s => s.TokenHash == tokenHash && s.DealId == dealId, ct);
        if (share is null) return false;
        var now = time.GetUtcNow();
        share.RevokedAtUtc ??= now.UtcDateTime;
        recorder.Event(dealId, "PlanShareRevoked", new { link = share.TokenHash[..8] }, actor, now);
        return true;
    }

    /// <summary>The deal a live link opens, or null for an unknown, expired or revoked token (the caller must not say which).</summary>
    public async Task<string?> OpenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        var hash = Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        var share = await db.PlanShares.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        return share is null || share.RevokedAtUtc is not null || share.ExpiresAtUtc <= now ? null : share.DealId;
    }

    /// <summary>What the customer sees: shareable items of shareable kinds, and nothing else.</summary>
    public async Task<List<PlanItemRow>> SharedItemsAsync(string dealId, CancellationToken ct) =>
        (await ItemsAsync(dealId, ct)).Where(i => i.Shareable && MayShare(i.Kind)).ToList();

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
