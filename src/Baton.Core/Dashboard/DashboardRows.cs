using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Dashboard;

// The dashboard's read model: one row per closed-won deal, one per required field of it, one per clock run.
// Rebuilt per deal by DashboardProjection whenever the deal's history grows; never written by anything else.

/// <summary>One closed-won deal's figures, with the dimensions the dashboard filters on.</summary>
public sealed class DashboardHandoffRow
{
    public required string DealId { get; set; }
    public required string AccountName { get; set; }
    public DateTime ClosedAtUtc { get; set; }
    /// <summary><c>yyyy-MM</c> of the close in the team's time zone: the trend's bucket.</summary>
    public required string ClosedMonth { get; set; }
    public required string Segment { get; set; }
    /// <summary>The AE's manager from the playbook: the sales team.</summary>
    public required string Team { get; set; }
    public required string AeId { get; set; }
    public string? CsmId { get; set; }
    public required string HandoffType { get; set; }
    public decimal Arr { get; set; }
    public required string CsStage { get; set; }
    public DateTime CsStageSinceUtc { get; set; }
    /// <summary>JSON object: CS stage → when the customer entered it.</summary>
    public string CsStagesEntered { get; set; } = "{}";
    public bool Open { get; set; }
    public int RefusalsAtClose { get; set; }
    public bool CompleteAtClose { get; set; }
    /// <summary>Comma-separated keys of required fields not good in the latest values.</summary>
    public string MissingNow { get; set; } = "";
    public double? DaysToFirstContact { get; set; }
    public double? DaysToKickoff { get; set; }
    public double? DaysToContractSent { get; set; }
    public double? DaysToContractSigned { get; set; }
    public int Rejections { get; set; }
    public bool RejectedNow { get; set; }
    /// <summary>JSON array of every reason given in a rejection.</summary>
    public string RejectionReasons { get; set; } = "[]";
    public int? Stars { get; set; }
    public int MissedClocks { get; set; }
    public DateTime? AcceptedAtUtc { get; set; }
    public DateTime? WarmCallAtUtc { get; set; }
    public DateTime? HoldbackReleasedAtUtc { get; set; }
    public string HoldbackWaitingFor { get; set; } = "";
}

/// <summary>How one required field stood at the close of one deal.</summary>
public sealed class DashboardFieldRow
{
    public required string DealId { get; set; }
    public required string Key { get; set; }
    public required string Requirement { get; set; }
    /// <summary>The quality verdict at close: Ok, Missing, Filler, Vague or Invalid.</summary>
    public required string Verdict { get; set; }
    public bool FlaggedJunk { get; set; }
    public bool Rediscovered { get; set; }
}

public static class ClockOutcome
{
    public const string OnTime = "on_time";
    public const string Missed = "missed";
    public const string Running = "running";
}

/// <summary>One run of one clock of a closed-won deal, and how it ended.</summary>
public sealed class DashboardClockRow
{
    public long Id { get; set; }
    public required string DealId { get; set; }
    public required string Clock { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime DueAtUtc { get; set; }
    public required string Outcome { get; set; }
    public DateTime? MissedAtUtc { get; set; }
    /// <summary>Whom Baton told when the clock ran out.</summary>
    public string? EscalatedTo { get; set; }
}

/// <summary>How far into the event log the read model is.</summary>
public sealed class DashboardCursorRow
{
    public required string Name { get; set; }
    public long LastEventId { get; set; }
    public DateTime RefreshedAtUtc { get; set; }
}

internal sealed class DashboardHandoffConfiguration : IEntityTypeConfiguration<DashboardHandoffRow>
{
    public void Configure(EntityTypeBuilder<DashboardHandoffRow> b)
    {
        b.ToTable("dashboard_handoffs");
        b.HasKey(h => h.DealId);
        b.Property(h => h.DealId).HasMaxLength(64);
        b.Property(h => h.AccountName).HasMaxLength(300);
        b.Property(h => h.ClosedMonth).HasMaxLength(7);
        b.Property(h => h.Segment).HasMaxLength(100);
        b.Property(h => h.Team).HasMaxLength(100);
        b.Property(h => h.AeId).HasMaxLength(100);
        b.Property(h => h.CsmId).HasMaxLength(100);
        b.Property(h => h.HandoffType).HasMaxLength(20);
        b.Property(h => h.CsStage).HasMaxLength(40);
        b.Property(h => h.MissingNow).HasMaxLength(2000);
        b.Property(h => h.HoldbackWaitingFor).HasMaxLength(2000);
        // The period filter leads every dashboard query; the others narrow it.
        b.HasIndex(h => h.ClosedAtUtc);
        b.HasIndex(h => new { h.AeId, h.ClosedAtUtc });
        b.HasIndex(h => new { h.Open, h.ClosedAtUtc });
    }
}

internal sealed class DashboardFieldConfiguration : IEntityTypeConfiguration<DashboardFieldRow>
{
    public void Configure(EntityTypeBuilder<DashboardFieldRow> b)
    {
        b.ToTable("dashboard_fields");
        b.HasKey(f => new { f.DealId, f.Key });
        b.Property(f => f.DealId).HasMaxLength(64);
        b.Property(f => f.Key).HasMaxLength(100);
        b.Property(f => f.Requirement).HasMaxLength(20);
        b.Property(f => f.Verdict).HasMaxLength(20);
    }
}

internal sealed class DashboardClockConfiguration : IEntityTypeConfiguration<DashboardClockRow>
{
    public void Configure(EntityTypeBuilder<DashboardClockRow> b)
    {
        b.ToTable("dashboard_clocks");
        b.HasKey(c => c.Id);
        b.Property(c => c.DealId).HasMaxLength(64);
        b.Property(c => c.Clock).HasMaxLength(100);
        b.Property(c => c.Outcome).HasMaxLength(20);
        b.Property(c => c.EscalatedTo).HasMaxLength(100);
        b.HasIndex(c => c.DealId);
    }
}

internal sealed class DashboardCursorConfiguration : IEntityTypeConfiguration<DashboardCursorRow>
{
    public void Configure(EntityTypeBuilder<DashboardCursorRow> b)
    {
        b.ToTable("dashboard_cursor");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(40);
    }
}
