using System.Globalization;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.WeCom.Simulator.Model;

namespace Grid.Testing;

/// <summary>A WeCom connector configured against a simulated company: contact sync only, under the root organization.</summary>
public static class SimulatedConnector
{
    public static WeComConnectorSettings Settings(SimulatedCompany company, string displayName)
    {
        ArgumentNullException.ThrowIfNull(company);
        return new WeComConnectorSettings(
            displayName, company.CorpId, company.DefaultApp.AgentId.ToString(CultureInfo.InvariantCulture), company.DefaultApp.Secret,
            "SimulatedToken2026", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE", null, null, null, [], GridKeys.RootOrganizationId,
            MatchRule.Default, null, UserIdChangeMode.Rebind, null, new SyncSchedule(false, "03:00"),
            new LoginFeatures(ContactSync: true, QrLogin: false, WebLogin: false, PasswordFallback: true, SmsFallback: false));
    }
}
