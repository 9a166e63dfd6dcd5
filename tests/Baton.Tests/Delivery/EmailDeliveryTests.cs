using System.Net.Http.Json;
using Baton.Core.Data;
using Baton.Tests.Doubles.Smtp;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Delivery;

public sealed class EmailDeliveryTests
{
    private static Dictionary<string, string?> Smtp(SmtpDouble smtp) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:UseStartTls"] = "None",
        ["Smtp:From"] = "Baton <handoffs@baton.example>",
    };

    [Fact]
    public async Task CloseWon_WithSmtp_SendsTheAeATransitionDraftFromTheSegmentTemplate()
    {
        await using var smtp = new SmtpDouble();
        await using var app = await BatonApp.StartAsync(Smtp(smtp));
        (await CreateAsync(app, "D-7", GoodFields())).EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals/D-7/stage", new { stage = "Closed Won" })).EnsureSuccessStatusCode();

        await app.RunOutboxAsync();

        var draft = Assert.Single(smtp.Messages, m => m.Message.Subject?.StartsWith("Draft:", StringComparison.Ordinal) == true);
        Assert.Equal(["rachel.goldberg@baton.example"], draft.Recipients);
        var body = draft.Message.TextBody;
        Assert.Contains("D-7 Corp", body);
        Assert.DoesNotContain("{{", body);
        var row = await app.Db(db => db.Outbox.SingleAsync(o => o.Channel == "email"));
        Assert.Equal((OutboxStatus.Sent, "smtp"), (row.Status, row.DeliveredTo));
    }

    [Fact]
    public async Task CloseWon_SmtpRejectsTheRecipient_ParksWithTheReason()
    {
        await using var smtp = new SmtpDouble();
        smtp.RejectRecipient("rachel.goldberg@baton.example");
        await using var app = await BatonApp.StartAsync(Smtp(smtp));
        (await CreateAsync(app, "D-8", GoodFields())).EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals/D-8/stage", new { stage = "Closed Won" })).EnsureSuccessStatusCode();

        await app.RunOutboxAsync();

        var row = await app.Db(db => db.Outbox.SingleAsync(o => o.Channel == "email"));
        Assert.Equal(OutboxStatus.Parked, row.Status);
        Assert.Contains("rachel.goldberg@baton.example", row.LastError);
    }
}
