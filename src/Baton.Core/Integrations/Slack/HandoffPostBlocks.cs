using System.Globalization;
using System.Text.Json.Nodes;

namespace Baton.Core.Integrations.Slack;

/// <summary>Who a post speaks to: a mention when the Slack user id is known, the plain name otherwise.</summary>
public sealed record SlackPerson(string? UserId, string Name)
{
    public string Mention => UserId is { Length: > 0 } id ? $"<@{id}>" : BlockKitText.Escape(Name);
}

/// <summary>Someone did something to the handoff from Slack, at an instant.</summary>
public sealed record SlackActed(string UserId, DateTimeOffset AtUtc);

public sealed record SlackRated(int Stars, string UserId, DateTimeOffset AtUtc);

/// <summary>What has been done so far; decides which buttons are left and which context lines appear.</summary>
/// <param name="AwaitsWarmCall">A hot handoff whose warm call is not held yet: it cannot be accepted.</param>
public sealed record HandoffPostProgress(
    SlackActed? Acknowledged = null, SlackActed? Accepted = null, SlackActed? Rejected = null, SlackRated? Rated = null, bool AwaitsWarmCall = false)
{
    public static HandoffPostProgress None { get; } = new();
}

/// <summary>The handoff as the channel sees it.</summary>
/// <remarks>
/// Short fields (company, ARR, segment, sponsor, champion, state) are plain text and escaped here.
/// The long ones (why now, success metric, promised, risks) are mrkdwn already rendered by the template,
/// and are only fitted to Block Kit's limits.
/// </remarks>
public sealed record HandoffPost
{
    public required string HandoffId { get; init; }
    public required string Company { get; init; }
    public string ArrText { get; init; } = "";
    public string Segment { get; init; } = "";
    public string Sponsor { get; init; } = "";
    public string Champion { get; init; } = "";
    public string WhyNowMrkdwn { get; init; } = "";
    public string SuccessMetricMrkdwn { get; init; } = "";
    public string PromisedMrkdwn { get; init; } = "";
    public string RisksMrkdwn { get; init; } = "";
    public required Uri BatonUrl { get; init; }
    public required SlackPerson Csm { get; init; }
    public required string StateLabel { get; init; }
    public HandoffPostProgress Progress { get; init; } = HandoffPostProgress.None;
}

/// <summary>A choice in the reject modal's list of filler fields: the manifest key and its label.</summary>
public sealed record JunkFieldOption(string Key, string Label);

/// <summary>
/// Block Kit for the handoff post, its updates and the reject modal. Every string is fitted to Block Kit's
/// limits, so the output is always accepted; the ids here are what <see cref="SlackInteraction"/> parses.
/// </summary>
public static class HandoffPostBlocks
{
    public const string AcknowledgeActionId = "baton.acknowledge";
    public const string AcceptActionId = "baton.accept";
    public const string RejectActionId = "baton.reject";
    public const string RateActionId = "baton.rate";

    /// <summary>The actions block's id is this prefix + the handoff id: the rating select has no value of its own to carry it.</summary>
    public const string ActionsBlockIdPrefix = "baton.handoff.";

    public const string RejectCallbackId = "baton.reject";
    public const string ReasonBlockId = "baton.reject.reason";
    public const string ReasonActionId = "reason";
    public const string JunkBlockId = "baton.reject.junk";
    public const string JunkActionId = "junk_fields";

    private const int MaxHandoffIdLength = 200;

    /// <summary>The notification text and accessibility fallback (the <c>text</c> argument next to the blocks).</summary>
    public static string FallbackText(HandoffPost post) =>
        $"Handoff: {BlockKitText.Escape(post.Company)} ({BlockKitText.Escape(BlockKitText.OrDash(post.ArrText))}) for {post.Csm.Mention}";

    /// <summary>
    /// The post in its current state: the facts, the mention, a context line per thing already done,
    /// and buttons for what is left (none once the handoff is rejected, or accepted and rated).
    /// </summary>
    /// <param name="withActions">False for a copy that is never redrawn (the customer's channel): its buttons would go stale.</param>
    public static JsonArray Build(HandoffPost post, bool withActions = true)
    {
        if (string.IsNullOrEmpty(post.HandoffId) || post.HandoffId.Length > MaxHandoffIdLength)
            throw new ArgumentException($"A handoff id is 1 to {MaxHandoffIdLength} characters.", nameof(post));

        var link = LinkTarget(post.BatonUrl);
        var more = $"\n<{link}|Read the rest in Baton>";
        var blocks = new JsonArray
        {
            Header($"Handoff: {post.Company}"),
            Section($"{post.Csm.Mention}, this customer is now yours. State: *{BlockKitText.Escape(BlockKitText.OrDash(post.StateLabel))}*"),
            Fields(
                ("ARR", BlockKitText.Escape(BlockKitText.OrDash(post.ArrText))),
                ("Segment", BlockKitText.Escape(BlockKitText.OrDash(post.Segment))),
                ("Sponsor", BlockKitText.Escape(BlockKitText.OrDash(post.Sponsor))),
                ("Champion", BlockKitText.Escape(BlockKitText.OrDash(post.Champion)))),
            Section($"*Why now*\n{BlockKitText.OrDash(post.WhyNowMrkdwn)}", more),
            Section($"*Success looks like*\n{BlockKitText.OrDash(post.SuccessMetricMrkdwn)}", more),
            Section($"*What was promised*\n{BlockKitText.OrDash(post.PromisedMrkdwn)}", more),
            Section($"*Risks*\n{BlockKitText.OrDash(post.RisksMrkdwn)}", more),
            Context($"<{link}|Open in Baton> · handoff {BlockKitText.Escape(post.HandoffId)}"),
        };

        var progress = post.Progress;
        if (progress.Acknowledged is { } ack) blocks.Add(Context($"Acknowledged by <@{ack.UserId}> at {When(ack.AtUtc)}"));
        if (progress.Accepted is { } accepted) blocks.Add(Context($"Accepted by <@{accepted.UserId}> at {When(accepted.AtUtc)}"));
        if (progress.Rejected is { } rejected) blocks.Add(Context($"Rejected by <@{rejected.UserId}> at {When(rejected.AtUtc)}; sent back to the AE"));
        if (progress.Rated is { } rated) blocks.Add(Context($"Rated {rated.Stars}/5 by <@{rated.UserId}> at {When(rated.AtUtc)}"));

        var actions = withActions ? Actions(post) : [];
        if (actions.Count > 0)
            blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = ActionsBlockIdPrefix + post.HandoffId, ["elements"] = actions });
        return blocks;
    }

    /// <summary>The modal a Reject press opens. The handoff id rides in <c>private_metadata</c>.</summary>
    /// <remarks>Up to 10 fields show as checkboxes, more as a multi-select (first 100; Block Kit allows no more).</remarks>
    public static JsonObject RejectModal(string handoffId, string company, IReadOnlyList<JunkFieldOption> junkFields)
    {
        if (handoffId.Length is 0 or > BlockKitText.MaxPrivateMetadata)
            throw new ArgumentException("A handoff id must fit in private_metadata.", nameof(handoffId));

        var blocks = new JsonArray
        {
            Section($"Send *{BlockKitText.Escape(company)}* back to the AE. They get a direct message with your reason."),
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = ReasonBlockId,
                ["label"] = Plain("What is missing or wrong?", BlockKitText.MaxInputLabel),
                ["element"] = new JsonObject
                {
                    ["type"] = "plain_text_input",
                    ["action_id"] = ReasonActionId,
                    ["multiline"] = true,
                    ["min_length"] = 1,
                    ["max_length"] = BlockKitText.MaxTextInput,
                },
            },
        };

        if (junkFields.Count > 0)
        {
            var options = new JsonArray();
            foreach (var field in junkFields.Take(BlockKitText.MaxSelectOptions))
                options.Add(new JsonObject
                {
                    ["text"] = Plain(BlockKitText.OrDash(field.Label), BlockKitText.MaxOptionText),
                    ["value"] = field.Key.Length <= BlockKitText.MaxOptionValue
                        ? field.Key
                        : throw new ArgumentException($"Field key '{field.Key[..20]}…' is longer than an option value may be.", nameof(junkFields)),
                });
            JsonObject element = options.Count <= BlockKitText.MaxCheckboxOptions
                ? new JsonObject { ["type"] = "checkboxes", ["action_id"] = JunkActionId, ["options"] = options }
                : new JsonObject
                {
                    ["type"] = "multi_static_select",
                    ["action_id"] = JunkActionId,
                    ["placeholder"] = Plain("Pick the fields", BlockKitText.MaxPlaceholder),
                    ["options"] = options,
                };
            blocks.Add(new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = JunkBlockId,
                ["optional"] = true,
                ["label"] = Plain("Which fields were filler?", BlockKitText.MaxInputLabel),
                ["element"] = element,
            });
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = RejectCallbackId,
            ["private_metadata"] = handoffId,
            ["title"] = Plain("Reject handoff", BlockKitText.MaxModalTitle),
            ["submit"] = Plain("Send back to AE", BlockKitText.MaxModalTitle),
            ["close"] = Plain("Cancel", BlockKitText.MaxModalTitle),
            ["blocks"] = blocks,
        };
    }

    /// <summary>Only the buttons the handoff would take now: a button that can only be refused is left off.</summary>
    /// <remarks>
    /// Accept after the acknowledgment (and, on a hot handoff, after the warm call); reject until accepted; rate once
    /// accepted. The card is redrawn on every step, so each button appears when it becomes possible.
    /// </remarks>
    private static JsonArray Actions(HandoffPost post)
    {
        var progress = post.Progress;
        var elements = new JsonArray();
        if (progress.Rejected is not null) return elements;
        if (progress.Acknowledged is null)
            elements.Add(Button(AcknowledgeActionId, "I have read what was promised", post.HandoffId, "primary"));
        if (progress.Accepted is null)
        {
            if (progress.Acknowledged is not null && !progress.AwaitsWarmCall)
                elements.Add(Button(AcceptActionId, "Accept", post.HandoffId, style: null));
            elements.Add(Button(RejectActionId, "Reject", post.HandoffId, "danger"));
        }
        if (progress.Accepted is not null && progress.Rated is null)
        {
            var options = new JsonArray();
            string[] labels = ["1 – poor", "2 – thin", "3 – usable", "4 – good", "5 – excellent"];
            for (var stars = 1; stars <= 5; stars++)
                options.Add(new JsonObject
                {
                    ["text"] = Plain(labels[stars - 1], BlockKitText.MaxOptionText),
                    ["value"] = stars.ToString(CultureInfo.InvariantCulture),
                });
            elements.Add(new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = RateActionId,
                ["placeholder"] = Plain("Rate this handoff", BlockKitText.MaxPlaceholder),
                ["options"] = options,
            });
        }
        return elements;
    }

    private static JsonObject Button(string actionId, string text, string value, string? style)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = Plain(text, BlockKitText.MaxButtonText),
            ["value"] = value,
        };
        if (style is not null) button["style"] = style;
        return button;
    }

    /// <summary>A URL inside <c>&lt;url|label&gt;</c> must not contain the characters that end it.</summary>
    private static string LinkTarget(Uri url) =>
        url.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);

    /// <summary>Slack renders <c>&lt;!date^…&gt;</c> in each reader's own time zone; the fallback is UTC.</summary>
    private static string When(DateTimeOffset atUtc) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<!date^{atUtc.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{atUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    private static JsonObject Header(string text) =>
        new() { ["type"] = "header", ["text"] = Plain(text, BlockKitText.MaxHeaderText) };

    private static JsonObject Section(string mrkdwn, string? tailWhenCut = null) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(tailWhenCut is null
            ? BlockKitText.Fit(mrkdwn, BlockKitText.MaxSectionText)
            : BlockKitText.Fit(mrkdwn, BlockKitText.MaxSectionText, tailWhenCut)),
    };

    private static JsonObject Fields(params (string Label, string Mrkdwn)[] fields)
    {
        var array = new JsonArray();
        foreach (var (label, value) in fields.Take(BlockKitText.MaxSectionFields))
            array.Add(Mrkdwn(BlockKitText.Fit($"*{label}*\n{value}", BlockKitText.MaxFieldText)));
        return new JsonObject { ["type"] = "section", ["fields"] = array };
    }

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray { Mrkdwn(BlockKitText.Fit(mrkdwn, BlockKitText.MaxSectionText)) },
    };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Plain(string text, int max) =>
        new() { ["type"] = "plain_text", ["text"] = BlockKitText.Fit(text, max), ["emoji"] = true };
}
