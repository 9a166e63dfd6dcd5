using System.Net;
using Baton.Core.Data;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Microsoft.Extensions.Configuration;
using StandardWebhooks;

namespace Baton.Core.Webhooks;

/// <summary>
/// POSTs one event to its receiver, signed per Standard Webhooks (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature: v1,…</c>). A 2xx is delivered; 410 Gone parks; anything else is retried by the outbox with
/// backoff (<c>Retry-After</c> when the receiver gives one) and parks after <c>Outbox:MaxAttempts</c>.
/// </summary>
public sealed class WebhookDelivery(HttpClient http, PlaybookContext context, IConfiguration configuration, TimeProvider time) : IOutboxDelivery
{
    public string Channel => OutboxChannels.Webhook;

    /// <summary>The setting that holds an endpoint's signing secret (<c>whsec_</c> and base64, as Standard Webhooks writes it).</summary>
    public static string SecretSetting(string endpoint) => $"Webhooks:{endpoint}:Secret";

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        if (OutboxMessage.Read(row.Kind, row.Payload) is not WebhookEvent message)
            return new DeliveryResult.Failed($"not a webhook event: kind '{row.Kind}'");
        var endpoint = context.Playbook.Webhooks.FirstOrDefault(w => w.Name == message.Endpoint);
        if (endpoint is null)
            return new DeliveryResult.Failed($"the playbook no longer declares webhook '{message.Endpoint}'");
        if (Signer(message.Endpoint) is not { } signer)
            return new DeliveryResult.Failed($"no signing secret for webhook '{message.Endpoint}': set {SecretSetting(message.Endpoint)} (whsec_ followed by base64)");

        var sentAt = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(message.Body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", message.MessageId);
        request.Headers.Add("webhook-timestamp", sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signer.Sign(message.MessageId, sentAt, message.Body));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new DeliveryResult.Delivered(endpoint.Name, $"HTTP {code}", $"{message.Type} {message.MessageId}");
            if (response.StatusCode == HttpStatusCode.Gone)
                return new DeliveryResult.Failed($"{endpoint.Url.Host} answered 410 Gone: the receiver asks for no more deliveries");
            var after = response.Headers.RetryAfter is { } ra
                ? ra.Delta ?? (ra.Date is { } date ? date - sentAt : null)
                : null;
            return new DeliveryResult.Retry($"{endpoint.Url.Host} answered HTTP {code}", after is { } a && a > TimeSpan.Zero ? a : null);
        }
        catch (HttpRequestException e)
        {
            return new DeliveryResult.Retry($"{endpoint.Url.Host} could not be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryResult.Retry($"{endpoint.Url.Host} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    private StandardWebhook? Signer(string endpoint)
    {
        var secret = configuration[SecretSetting(endpoint)];
        if (string.IsNullOrWhiteSpace(secret)) return null;
        try
        {
            return new StandardWebhook(secret.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
