using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<DealRow>
{
    public void Configure(EntityTypeBuilder<DealRow> b)
    {
        b.ToTable("deals");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).HasMaxLength(64);
        b.Property(d => d.CrmId).HasMaxLength(64);
        b.Property(d => d.CrmSource).HasMaxLength(20);
        b.Property(d => d.CrmCsRecordId).HasMaxLength(64);
        b.Property(d => d.Name).HasMaxLength(300);
        b.Property(d => d.Company).HasMaxLength(300);
        b.Property(d => d.Stage).HasMaxLength(100);
        b.Property(d => d.OwnerId).HasMaxLength(100);
        b.Property(d => d.Territory).HasMaxLength(100);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => d.CrmId).IsUnique();
        b.HasIndex(d => new { d.Stage, d.UpdatedAtUtc });
        b.HasMany(d => d.Fields).WithOne().HasForeignKey(f => f.DealId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FieldValueConfiguration : IEntityTypeConfiguration<FieldValueRow>
{
    public void Configure(EntityTypeBuilder<FieldValueRow> b)
    {
        b.ToTable("field_values");
        b.HasKey(f => new { f.DealId, f.Key });
        b.Property(f => f.DealId).HasMaxLength(64);
        b.Property(f => f.Key).HasMaxLength(100);
        b.Property(f => f.SetBy).HasMaxLength(100);
        b.Property(f => f.Source).HasMaxLength(20);
    }
}

internal sealed class HandoffConfiguration : IEntityTypeConfiguration<HandoffRow>
{
    public void Configure(EntityTypeBuilder<HandoffRow> b)
    {
        b.ToTable("handoffs");
        b.Property(h => h.CustomerChannel).HasMaxLength(32);
        b.HasKey(h => h.DealId);
        b.Property(h => h.DealId).HasMaxLength(64);
        b.Property(h => h.State).HasMaxLength(40);
        b.Property(h => h.CsStage).HasMaxLength(40);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasIndex(h => new { h.State, h.ClosedWonAtUtc });
        b.HasIndex(h => h.CsmId);
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<EventRow>
{
    public void Configure(EntityTypeBuilder<EventRow> b)
    {
        b.ToTable("events");
        b.HasKey(e => e.Id);
        b.Property(e => e.DealId).HasMaxLength(64);
        b.Property(e => e.Type).HasMaxLength(60);
        b.Property(e => e.Actor).HasMaxLength(100);
        b.HasIndex(e => new { e.DealId, e.Id });
        b.HasIndex(e => new { e.Type, e.OccurredAtUtc });
    }
}

internal sealed class ClockConfiguration : IEntityTypeConfiguration<ClockRow>
{
    public void Configure(EntityTypeBuilder<ClockRow> b)
    {
        b.ToTable("clocks");
        b.HasKey(c => c.Id);
        b.Property(c => c.DealId).HasMaxLength(64);
        b.Property(c => c.Name).HasMaxLength(40);
        b.Property(c => c.Status).HasMaxLength(20);
        b.HasIndex(c => new { c.Status, c.DueAtUtc });
        // Not unique: a clock restarted in the same instant it stopped (a reassignment) is the same run to the domain.
        b.HasIndex(c => new { c.DealId, c.Name, c.StartedAtUtc });
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRow>
{
    public void Configure(EntityTypeBuilder<OutboxRow> b)
    {
        b.ToTable("outbox");
        b.HasKey(o => o.Id);
        b.Property(o => o.IdempotencyKey).HasMaxLength(200);
        b.Property(o => o.DealId).HasMaxLength(64);
        b.Property(o => o.Channel).HasMaxLength(20);
        b.Property(o => o.Kind).HasMaxLength(40);
        b.Property(o => o.Status).HasMaxLength(20);
        b.Property(o => o.DeliveredTo).HasMaxLength(20);
        b.Property(o => o.ExternalId).HasMaxLength(100);
        b.HasIndex(o => o.IdempotencyKey).IsUnique();
        b.HasIndex(o => new { o.Status, o.NextAttemptAtUtc });
        b.HasIndex(o => new { o.DealId, o.Id });
    }
}

internal sealed class InboxConfiguration : IEntityTypeConfiguration<InboxRow>
{
    public void Configure(EntityTypeBuilder<InboxRow> b)
    {
        b.ToTable("inbox");
        b.HasKey(i => i.Id);
        b.Property(i => i.Source).HasMaxLength(20);
        b.Property(i => i.ExternalId).HasMaxLength(200);
        b.Property(i => i.Kind).HasMaxLength(60);
        b.Property(i => i.Status).HasMaxLength(20);
        b.HasIndex(i => new { i.Source, i.ExternalId }).IsUnique();
        b.HasIndex(i => new { i.Status, i.NextAttemptAtUtc });
    }
}

internal sealed class RoutingCursorConfiguration : IEntityTypeConfiguration<RoutingCursorRow>
{
    public void Configure(EntityTypeBuilder<RoutingCursorRow> b)
    {
        b.ToTable("routing_cursors");
        b.HasKey(r => r.Pool);
        b.Property(r => r.Pool).HasMaxLength(100);
    }
}

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskRow>
{
    public void Configure(EntityTypeBuilder<TaskRow> b)
    {
        b.ToTable("tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.DealId).HasMaxLength(64);
        b.Property(t => t.OwnerId).HasMaxLength(100);
        b.HasIndex(t => new { t.DealId, t.DueAtUtc });
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<ContractRow>
{
    public void Configure(EntityTypeBuilder<ContractRow> b)
    {
        b.ToTable("contracts");
        b.HasKey(c => c.DealId);
        b.Property(c => c.DealId).HasMaxLength(64);
        b.Property(c => c.State).HasMaxLength(20);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<UserRow>
{
    public void Configure(EntityTypeBuilder<UserRow> b)
    {
        b.ToTable("users");
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).HasMaxLength(100);
        b.Property(u => u.Email).HasMaxLength(320);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.Role).HasMaxLength(20);
        b.Property(u => u.PasswordHash).HasMaxLength(200);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => u.Email).IsUnique();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiTokenRow>
{
    public void Configure(EntityTypeBuilder<ApiTokenRow> b)
    {
        b.ToTable("api_tokens");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).HasMaxLength(32);
        b.Property(t => t.UserId).HasMaxLength(100);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.SecretHash).HasMaxLength(64);
        b.Property(t => t.Scopes).HasMaxLength(100);
        b.HasIndex(t => t.UserId);
    }
}

internal sealed class DealContactConfiguration : IEntityTypeConfiguration<DealContactRow>
{
    public void Configure(EntityTypeBuilder<DealContactRow> b)
    {
        b.ToTable("deal_contacts");
        b.HasKey(c => new { c.DealId, c.Email });
        b.Property(c => c.DealId).HasMaxLength(64);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Source).HasMaxLength(20);
    }
}

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItemRow>
{
    public void Configure(EntityTypeBuilder<PlanItemRow> b)
    {
        b.ToTable("plan_items");
        b.HasKey(p => p.Id);
        b.Property(p => p.DealId).HasMaxLength(64);
        b.Property(p => p.Section).HasMaxLength(20);
        b.Property(p => p.Kind).HasMaxLength(20);
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.Detail).HasMaxLength(4000);
        b.Property(p => p.Owner).HasMaxLength(200);
        b.Property(p => p.CreatedBy).HasMaxLength(100);
        b.HasIndex(p => new { p.DealId, p.Section });
    }
}

internal sealed class PlanShareConfiguration : IEntityTypeConfiguration<PlanShareRow>
{
    public void Configure(EntityTypeBuilder<PlanShareRow> b)
    {
        b.ToTable("plan_shares");
        b.HasKey(s => s.TokenHash);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.Property(s => s.DealId).HasMaxLength(64);
        b.Property(s => s.CreatedBy).HasMaxLength(100);
        b.HasIndex(s => s.DealId);
    }
}
