using PbxLab.Core.Numbers;
using PbxLab.Harness.Scenarios;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Harness.World;

/// <summary>
/// The dial plan of a scenario's site. The PBX simulator and the core get the same region and
/// prefixes, as an installer would configure both for one site.
/// </summary>
internal static class WorldDialPlans
{
    /// <summary>The simulator's profile, moved to the scenario's region and number presentation when it sets them.</summary>
    public static PbxProfile SimulatorProfile(PbxSettings settings)
    {
        var profile = PbxProfiles.Get(settings.Profile);
        var dialPlan = settings.Region is { } region ? PbxDialPlan.For(region) : profile.DialPlan;
        if (settings.Presentation is { } presentation)
        {
            dialPlan = dialPlan with { Presentation = ToSimulator(presentation) };
        }

        return profile with { DialPlan = dialPlan };
    }

    /// <summary>
    /// Returns the core's dial plan for the link, the same plan as the simulator's. Null keeps the
    /// core's default for the profile, as a site without a dialPlan entry would.
    /// </summary>
    public static DialPlan? CoreDialPlan(PbxSettings settings)
    {
        if (settings.Region is null)
        {
            return null;
        }

        var plan = SimulatorProfile(settings).DialPlan;
        return new DialPlan(plan.Region, plan.TrunkAccessCode, plan.NationalPrefix, plan.InternationalPrefix);
    }

    private static CallerPresentation ToSimulator(CallerNumberPresentation presentation) => presentation switch
    {
        CallerNumberPresentation.WithTrunkAccessCode => CallerPresentation.WithTrunkAccessCode,
        CallerNumberPresentation.National => CallerPresentation.National,
        CallerNumberPresentation.E164 => CallerPresentation.E164,
        _ => throw new ArgumentOutOfRangeException(nameof(presentation), presentation, "Unknown caller number presentation."),
    };
}
