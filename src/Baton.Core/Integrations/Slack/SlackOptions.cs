namespace Baton.Core.Integrations.Slack;

/// <summary>The <c>Slack</c> configuration section.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Web API root, ending in a slash. Default <c>https://slack.com/api/</c>; point it at a test double locally.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Bot token (<c>xoxb-…</c>), sent as <c>Authorization: Bearer</c>. No default: from the environment or user-secrets.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Signing secret for requests Slack sends to Baton. No default.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>How far a request's timestamp may be from now before it is refused as a replay. Default 5 minutes, Slack's own window.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an e-mail → user id answer is reused. Default 1 hour: ids never change, but people leave and e-mails move.</summary>
    public TimeSpan UserIdCacheTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Page size for <c>conversations.history</c> when looking for an already-sent post. Default 100.</summary>
    /// <remarks>Non-Marketplace apps created after 2025-05-29 get at most 15 objects a page; Slack caps the page, so a larger value is harmless.</remarks>
    public int HistoryPageSize { get; set; } = 100;

    /// <summary>Page size for <c>conversations.list</c>. Default 200, the most Slack recommends; it caps the page at 1,000.</summary>
    public int ChannelListPageSize { get; set; } = 200;

    /// <summary>
    /// How often an unknown channel name may send <see cref="SlackChannelDirectory"/> back to <c>conversations.list</c>.
    /// Default 1 minute: a channel created a moment ago is found soon, and a typo in the playbook costs one call a minute.
    /// </summary>
    public TimeSpan ChannelDirectoryRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the Reject button waits for <c>views.open</c> before answering Slack anyway. Default 2 s: Slack wants its
    /// answer within 3 s, and the click's <c>trigger_id</c> is spent after 3 s, so waiting longer cannot help.
    /// </summary>
    public TimeSpan ModalOpenTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether calls are paced to Slack's published limits before they are sent (<see cref="SlackRateGate"/>). Default
    /// true. A 429's <c>Retry-After</c> is kept either way; turn pacing off only against a stand-in for Slack.
    /// </summary>
    public bool PaceCalls { get; set; } = true;

    /// <summary>What <see cref="CustomerChannelName.For"/> puts before the company's name. Default <c>cust-</c>.</summary>
    public string CustomerChannelPrefix { get; set; } = CustomerChannelName.DefaultPrefix;
}
