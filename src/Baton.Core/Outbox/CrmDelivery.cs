using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Outbox;

/// <summary>One CRM Baton writes to (HubSpot, Salesforce): it delivers the <see cref="CrmMessage"/>s of the deals that live in it.</summary>
/// <remarks>
/// <paramref name="deal"/> in <see cref="DeliverAsync"/> is tracked: a fact the CRM returned (such as the id of a record it
/// created) may be set on it and is saved with the outbox row.
/// </remarks>
public interface ICrmClient
{
    /// <summary>The <see cref="DealRow.CrmSource"/> it serves.</summary>
    string Source { get; }

    Task<DeliveryResult> DeliverAsync(OutboxRow row, CrmMessage message, DealRow deal, CancellationToken ct);
}

/// <summary>The outbox's <c>crm</c> channel: each row goes to the CRM its deal lives in.</summary>
public sealed class CrmDelivery(BatonDb db, IEnumerable<ICrmClient> crms) : IOutboxDelivery
{
    public string Channel => OutboxChannels.Crm;

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        if (OutboxMessage.Read(row.Kind, row.Payload) is not CrmMessage message)
            return new DeliveryResult.Failed($"no CRM message is defined for outbox kind '{row.Kind}'");
        var deal = await db.Deals.Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == row.DealId, ct);
        if (deal is null) return new DeliveryResult.Failed($"deal {row.DealId} no longer exists");
        if (deal.CrmSource is null) return new DeliveryResult.Failed($"deal {row.DealId} does not live in a CRM");
        var crm = crms.FirstOrDefault(c => string.Equals(c.Source, deal.CrmSource, StringComparison.OrdinalIgnoreCase));
        return crm is null
            ? new DeliveryResult.Failed($"deal {row.DealId} lives in {deal.CrmSource}, which this build has no connector for")
            : await crm.DeliverAsync(row, message, deal, ct);
    }
}
