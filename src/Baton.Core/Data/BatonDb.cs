using Baton.Core.Data.Configurations;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Data;

/// <summary>Baton's database: deals, handoffs, their history, clocks, the outbox and the inbox.</summary>
public sealed class BatonDb(DbContextOptions<BatonDb> options) : DbContext(options)
{
    public DbSet<DealRow> Deals => Set<DealRow>();
    public DbSet<FieldValueRow> FieldValues => Set<FieldValueRow>();
    public DbSet<HandoffRow> Handoffs => Set<HandoffRow>();
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<ClockRow> Clocks => Set<ClockRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    public DbSet<InboxRow> Inbox => Set<InboxRow>();
    public DbSet<RoutingCursorRow> RoutingCursors => Set<RoutingCursorRow>();
    public DbSet<TaskRow> Tasks => Set<TaskRow>();
    public DbSet<ContractRow> Contracts => Set<ContractRow>();
    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();
    public DbSet<DealContactRow> DealContacts => Set<DealContactRow>();
    public DbSet<PlanItemRow> PlanItems => Set<PlanItemRow>();
    public DbSet<PlanShareRow> PlanShares => Set<PlanShareRow>();
    public DbSet<Dashboard.DashboardHandoffRow> DashboardHandoffs => Set<Dashboard.DashboardHandoffRow>();
    public DbSet<Dashboard.DashboardFieldRow> DashboardFields => Set<Dashboard.DashboardFieldRow>();
    public DbSet<Dashboard.DashboardClockRow> DashboardClocks => Set<Dashboard.DashboardClockRow>();
    public DbSet<Dashboard.DashboardCursorRow> DashboardCursors => Set<Dashboard.DashboardCursorRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // Explicit, no assembly scanning: the list is the schema's table of contents.
        model.ApplyConfiguration(new DealConfiguration());
        model.ApplyConfiguration(new FieldValueConfiguration());
        model.ApplyConfiguration(new HandoffConfiguration());
        model.ApplyConfiguration(new EventConfiguration());
        model.ApplyConfiguration(new ClockConfiguration());
        model.ApplyConfiguration(new OutboxConfiguration());
        model.ApplyConfiguration(new InboxConfiguration());
        model.ApplyConfiguration(new RoutingCursorConfiguration());
        model.ApplyConfiguration(new TaskConfiguration());
        model.ApplyConfiguration(new ContractConfiguration());
        model.ApplyConfiguration(new UserConfiguration());
        model.ApplyConfiguration(new ApiTokenConfiguration());
        model.ApplyConfiguration(new DealContactConfiguration());
        model.ApplyConfiguration(new PlanItemConfiguration());
        model.ApplyConfiguration(new PlanShareConfiguration());
        model.ApplyConfiguration(new Dashboard.DashboardHandoffConfiguration());
        model.ApplyConfiguration(new Dashboard.DashboardFieldConfiguration());
        model.ApplyConfiguration(new Dashboard.DashboardClockConfiguration());
        model.ApplyConfiguration(new Dashboard.DashboardCursorConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Portable across SQLite and PostgreSQL: every instant stored as UTC, read back as UTC.
        conventions.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        conventions.Properties<decimal>().HavePrecision(18, 2);
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
