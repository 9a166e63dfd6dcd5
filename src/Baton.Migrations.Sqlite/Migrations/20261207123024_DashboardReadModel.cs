using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Baton.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_clocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DealId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Clock = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MissedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalatedTo = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_clocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_cursor",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LastEventId = table.Column<long>(type: "INTEGER", nullable: false),
                    RefreshedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_cursor", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_fields",
                columns: table => new
                {
                    DealId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Requirement = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FlaggedJunk = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rediscovered = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_fields", x => new { x.DealId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "dashboard_handoffs",
                columns: table => new
                {
                    DealId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedMonth = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Team = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CsmId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HandoffType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Arr = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CsStage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CsStageSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CsStagesEntered = table.Column<string>(type: "TEXT", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    RefusalsAtClose = table.Column<int>(type: "INTEGER", nullable: false),
                    CompleteAtClose = table.Column<bool>(type: "INTEGER", nullable: false),
                    MissingNow = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DaysToFirstContact = table.Column<double>(type: "REAL", nullable: true),
                    DaysToKickoff = table.Column<double>(type: "REAL", nullable: true),
                    DaysToContractSent = table.Column<double>(type: "REAL", nullable: true),
                    DaysToContractSigned = table.Column<double>(type: "REAL", nullable: true),
                    Rejections = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectedNow = table.Column<bool>(type: "INTEGER", nullable: false),
                    RejectionReasons = table.Column<string>(type: "TEXT", nullable: false),
                    Stars = table.Column<int>(type: "INTEGER", nullable: true),
                    MissedClocks = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WarmCallAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HoldbackReleasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HoldbackWaitingFor = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_handoffs", x => x.DealId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_clocks_DealId",
                table: "dashboard_clocks",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_handoffs_AeId_ClosedAtUtc",
                table: "dashboard_handoffs",
                columns: new[] { "AeId", "ClosedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_handoffs_ClosedAtUtc",
                table: "dashboard_handoffs",
                column: "ClosedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_handoffs_Open_ClosedAtUtc",
                table: "dashboard_handoffs",
                columns: new[] { "Open", "ClosedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_clocks");

            migrationBuilder.DropTable(
                name: "dashboard_cursor");

            migrationBuilder.DropTable(
                name: "dashboard_fields");

            migrationBuilder.DropTable(
                name: "dashboard_handoffs");
        }
    }
}
