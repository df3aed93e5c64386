using BenchmarkDotNet.Attributes;
using PbxLab.Core.History;
using PbxLab.Core.Numbers;

namespace PbxLab.Benchmarks;

/// <summary>Normalising numbers with libphonenumber and naming them from a 10,000-entry directory.</summary>
[MemoryDiagnoser]
public class NumberBenchmarks
{
    private const int DirectorySize = 10_000;
    private const string Owner = "alice@contoso.com";

    private readonly PhoneNumberNormalizer _normalizer = new(DialPlan.MiVoiceOffice400);
    private DirectoryIndex _index = null!;
    private RemotePartyResolver _resolver = null!;
    private string _knownNumber = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Paris numbers +33 1 40 00 00 00 upwards, one per person; the owner has 100 contacts of their own.
        var entries = new List<DirectoryEntry>();
        for (var i = 0; i < DirectorySize; i++)
        {
            entries.Add(DirectoryEntry.ForUser($"u-{i}", $"Person {i}", [$"+3314{i:D7}"]));
        }

        for (var i = 0; i < 100; i++)
        {
            entries.Add(DirectoryEntry.ForContact(Owner, $"Contact {i}", [$"+3347{i:D7}"]));
        }

        _index = DirectoryIndex.Build(entries);
        _knownNumber = "+33140004321";
        _resolver = new RemotePartyResolver(
            _index,
            new Dictionary<string, PhoneNumberNormalizer> { ["paris"] = _normalizer },
            new Dictionary<string, IReadOnlyDictionary<string, string>>());
    }

    [Benchmark(Baseline = true, Description = "match E.164 in 10,000-entry index")]
    public RemoteParty MatchE164() => _index.Lookup(_knownNumber, Owner);

    [Benchmark(Description = "normalise stored national number")]
    public string? NormaliseNational() => _normalizer.NormalizeStored("01 40 00 43 21").E164;

    [Benchmark(Description = "normalise stored number without +")]
    public string? NormaliseCountryCodeWithoutPlus() => _normalizer.NormalizeStored("33 1 40 00 43 21").E164;

    [Benchmark(Description = "normalise presented number")]
    public string? NormalisePresented() => _normalizer.NormalizePresented("00140004321").E164;

    [Benchmark(Description = "resolve presented number (normalise + match)")]
    public RemoteParty Resolve() => _resolver.Resolve(Owner, "paris", "00140004321", false);
}
