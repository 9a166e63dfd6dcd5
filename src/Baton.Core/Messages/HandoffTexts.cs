using System.Globalization;
using Baton.Domain.Handoffs;

namespace Baton.Core.Messages;

/// <summary>Bound from <c>Baton:*</c>.</summary>
public sealed class MessageOptions
{
    /// <summary>Where people open Baton; messages link to <c>{PublicUrl}handoffs/{dealId}</c> (a gate refusal to <c>{PublicUrl}deals/{dealId}</c>). Default <c>http://127.0.0.1:5080/</c>, where <c>baton serve</c> listens by default.</summary>
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:5080/");

    public Uri HandoffUrl(string dealId) => Under($"handoffs/{Uri.EscapeDataString(dealId)}");

    /// <summary>The deal's handoff form, <c>{PublicUrl}deals/{dealId}</c>: where an AE fixes what the gate refused.</summary>
    public Uri DealUrl(string dealId) => Under($"deals/{Uri.EscapeDataString(dealId)}");

    private Uri Under(string relative) =>
        new(new Uri(PublicUrl.AbsoluteUri.EndsWith('/') ? PublicUrl.AbsoluteUri : PublicUrl.AbsoluteUri + "/"), relative);
}

/// <summary>What the handoff card says, before any chat formatting: plain values as the AE typed them.</summary>
/// <param name="CsmMention">Already formatted for the target (<c>&lt;@U…&gt;</c> in Slack, a name in the feed).</param>
/// <param name="Fields">Field key → value, as stored on the deal.</param>
public sealed record HandoffCard(
    string DealId, string Company, string Segment, string ArrText, string CsmMention, string AeName, Uri Url,
    IReadOnlyDictionary<string, string> Fields);

/// <summary>Renders the card's mrkdwn body.</summary>
/// <remarks>
/// The seam for the playbook's <c>templates/slack-handoff.liquid</c>: a template renderer implements this and is
/// registered instead of <see cref="HandoffCardText"/>. The body goes to the feed and to <c>OutboxRow.Rendered</c>;
/// Slack gets the same facts as Block Kit.
/// </remarks>
public interface IHandoffCardRenderer
{
    string Render(HandoffCard card);
}

/// <summary>The built-in wording, the same facts in the same order as the shipped template.</summary>
public sealed class HandoffCardText : IHandoffCardRenderer
{
    public string Render(HandoffCard card)
    {
        string F(string key) => HandoffTexts.Escape(card.Fields.TryGetValue(key, out var v) && v.Length > 0 ? v : "—");
        var exposed = card.Fields.TryGetValue("champion_politically_exposed", out var e) && e.Equals("Yes", StringComparison.OrdinalIgnoreCase)
            ? " (champion is politically exposed)"
            : "";
        return $"""
            *New customer for {card.CsmMention}: {HandoffTexts.Escape(card.Company)}* ({HandoffTexts.Escape(card.Segment)}, {HandoffTexts.Escape(card.ArrText)} ARR)
            Closed by {HandoffTexts.Escape(card.AeName)}. <{card.Url.AbsoluteUri}|Open the handoff in Baton>

            *Executive sponsor:* {F("executive_sponsor")}
            *Champion:* {F("champion")}
            *Why they bought now:* {F("why_now")}
            *Success metric:* {F("success_metric")}
            *Promised beyond the contract:* {F("promised")}
            *Known risks:* {F("risks")}{exposed}
            """;
    }
}

/// <summary>
/// The short messages around the card: thread replies, direct messages, escalations and refusals. Names and
/// mentions come in formatted for the target; everything typed by people is escaped here.
/// </summary>
public static class HandoffTexts
{
    /// <summary>mrkdwn's three control characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Arr(decimal amount) => amount.ToString("$#,0", CultureInfo.InvariantCulture);

    public static string StateLabel(HandoffState state) => state switch
    {
        HandoffState.ClosedWon => "Closed won",
        HandoffState.Routed => "Routed",
        HandoffState.Posted => "Waiting for the CSM to acknowledge",
        HandoffState.Acknowledged => "Acknowledged",
        HandoffState.WarmCallHeld => "Warm call held",
        HandoffState.Accepted => "Accepted",
        HandoffState.Rejected => "Sent back to the AE",
        HandoffState.KickoffScheduled => "Kickoff scheduled",
        HandoffState.KickoffHeld => "Kickoff held",
        _ => state.ToString(),
    };

    /// <summary>How much of the promised field an acknowledgment quotes; the card and Baton have the rest.</summary>
    public const int MaxPromisedQuote = 300;

    /// <summary>A reply in the card's thread.</summary>
    /// <param name="promised">The deal's <c>promised</c> field as typed, quoted when the CSM acknowledges.</param>
    public static string ThreadReply(MessageKind kind, string company, string csm, string ae, int round, string? missedClock, string? promised = null) => kind switch
    {
        MessageKind.Acknowledged => $"✅ {csm} acknowledged the handoff and confirmed what was promised:\n{Quote(promised)}",
        MessageKind.Resubmitted => $"{ae} revised the handoff (round {round}). {csm}, please read it again and acknowledge.",
        MessageKind.ClockMissed => $"The *{ClockLabel(missedClock ?? "")}* deadline for {Escape(company)} ran out: {WhatIsLate(missedClock ?? "")}. It has been escalated.",
        _ => $"{Escape(company)}: {Humanize(kind)}.",
    };

    /// <summary>
    /// A mrkdwn block quote of text people typed: cut to <see cref="MaxPromisedQuote"/> characters (at a space when there
    /// is one near, never inside a surrogate pair) before escaping, so a cut never splits an entity; every line quoted.
    /// </summary>
    public static string Quote(string? text, int max = MaxPromisedQuote)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0) return "> —";
        if (value.Length > max)
        {
            var cut = max;
            if (char.IsLowSurrogate(value[cut])) cut--;
            var space = value.LastIndexOf(' ', cut - 1, cut);
            if (space > max * 3 / 4) cut = space;
            value = value[..cut].TrimEnd() + "…";
        }
        return string.Join("\n", value.ReplaceLineEndings("\n").Split('\n').Select(line => "> " + Escape(line)));
    }

    /// <summary>A direct message about one handoff to one person.</summary>
    public static string Direct(MessageKind kind, string company, string csm, string ae, Uri url, int round,
        IReadOnlyList<string> reasons, IReadOnlyList<string> junkFieldLabels, string? acknowledgeWithin)
    {
        var link = $"<{url.AbsoluteUri}|Open it in Baton>";
        var c = Escape(company);
        return kind switch
        {
            MessageKind.NewHandoff =>
                $"You have a new customer: *{c}*, handed over by {ae}. Read the handoff and press *I have read what was promised* on the post" +
                (acknowledgeWithin is null ? "." : $" within {acknowledgeWithin}.") + $" {link}",
            MessageKind.Reassigned => $"*{c}* has been reassigned to another CSM. Nothing more is needed from you. {link}",
            MessageKind.Accepted => $"{csm} accepted the handoff of *{c}*. The customer is theirs now. {link}",
            MessageKind.Rejected =>
                $"{csm} sent the handoff of *{c}* back to you.\n*Why:* {Escape(string.Join("; ", reasons))}" +
                (junkFieldLabels.Count > 0 ? $"\n*Fields to fix:* {Escape(string.Join(", ", junkFieldLabels))}" : "") +
                $"\nFix them and resubmit. {link}",
            MessageKind.Resubmitted => $"{ae} revised the handoff of *{c}* (round {round}). Read it again and acknowledge. {link}",
            _ => $"*{c}*: {Humanize(kind)}. {link}",
        };
    }

    /// <summary>To the person a role names when a clock runs out: which deadline, for which customer, what is late.</summary>
    public static string Escalation(string clock, string company, string? duration, string csm, string ae, Uri url) =>
        $"*{ClockLabel(clock)}* ran out for *{Escape(company)}*" + (duration is null ? "" : $" (allowed: {duration})") +
        $": {WhatIsLate(clock)}. CSM: {csm}. AE: {ae}. <{url.AbsoluteUri}|Open the handoff in Baton>";

    /// <summary>The CSM a deal will probably route to hears about it before it closes.</summary>
    public static string PreClose(string company, string stage, string ae, Uri url) =>
        $"Heads-up: *{Escape(company)}* entered *{Escape(stage)}* and will likely be yours when it closes. AE: {ae}. <{url.AbsoluteUri}|Read what is known so far>";

    /// <summary>To someone whose click Baton did not apply, with the domain's reason.</summary>
    /// <summary>The AE's DM when the gate refuses a stage move: each field and what is wrong with it.</summary>
    public static string GateRefused(string company, string stage, IReadOnlyList<string> problems, Uri url) =>
        $"{Escape(company)} cannot move to {Escape(stage)} yet. Fix these and try again:\n"
        + string.Join("\n", problems.Select(p => "• " + Escape(p)))
        + $"\n<{url}|Open the deal in Baton>";

    public static string EditRefused(string company, string stage, IReadOnlyList<string> problems, Uri url) =>
        $"{Escape(company)} is {Escape(stage)}, and the change made in the CRM would leave required fields not good enough, "
        + "so Baton kept the values it had and put them back in the CRM:\n"
        + string.Join("\n", problems.Select(p => "• " + Escape(p)))
        + $"\n<{url}|Edit the handoff in Baton>";

    public static string Refusal(string action, string company, string reason) =>
        $"Your *{Escape(action)}* on *{Escape(company)}* was not applied: {Escape(reason)}.";

    public static string ClockLabel(string clock) => clock switch
    {
        "acknowledge" => "CSM acknowledgment",
        "warm_call" => "Warm call",
        "first_contact" => "First customer contact",
        "kickoff" => "Kickoff",
        "contract_drafted" => "Contract drafted",
        _ => clock,
    };

    public static string WhatIsLate(string clock) => clock switch
    {
        "acknowledge" => "the CSM has not confirmed reading the handoff and what was promised",
        "warm_call" => "the AE and the CSM have not held the warm call",
        "first_contact" => "nobody has contacted the customer to schedule the kickoff",
        "kickoff" => "the kickoff with the customer has not been held",
        "contract_drafted" => "the contract has not been drafted and sent",
        _ => $"the {clock} deadline passed",
    };

    private static string Humanize(MessageKind kind) => kind switch
    {
        MessageKind.WarmCallHeld => "the warm call was held",
        MessageKind.KickoffScheduled => "the kickoff is scheduled",
        MessageKind.KickoffHeld => "the kickoff was held",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
