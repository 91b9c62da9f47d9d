// Cpm.Sdk quickstart, end to end in one run:
//   part one (sections 1-6): capture consent, ask the gate, read the evidence, reopen the store, all offline;
//   part two (sections 7-12 and 19): two synced instances and the reference server, started in-process on 127.0.0.1;
//   part three (sections 13 and 20): the evidence: verify, export, receipt, report, and a hand edit caught;
//   part four (sections 14-18): aliases filtering an SMS audience, an access export, an erasure at B reaching A,
//   a stale grant arriving afterwards and changing nothing, and every audit log still verifying;
//   part five (sections 21-24): preferences at send time: topics, a person's frequency, a capped campaign, a new week,
//   and a burst of withdrawals raising an alert that clears.
//   dotnet run --project samples/Cpm.Samples.Quickstart [-- path/to/consent.db]
// Exit code 0 when every check passes, so the sample doubles as an end-to-end smoke check:
//   1 = a decision changed across a reopen, 2 = a sync step missed its deadline, 4 = an evidence check failed,
//   8 = a rights check failed, 16 = a preferences check failed (the codes add up).
using System.Diagnostics;
using System.Text;
using Cpm.Samples.Quickstart;

Console.OutputEncoding = Encoding.UTF8;
string folder = Directory.CreateTempSubdirectory("cpm-quickstart-").FullName;
string localDatabase = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(folder, "consent.db");
Directory.CreateDirectory(Path.GetDirectoryName(localDatabase)!);
var clock = Stopwatch.StartNew();

Text.Heading("Cpm.Sdk quickstart");
Console.WriteLine($"  files: {folder}");
Console.WriteLine();

bool localOk = await LocalStory.RunAsync(localDatabase);
(bool syncOk, bool evidenceOk, bool rightsOk) = await SyncStory.RunAsync(folder);
evidenceOk = await EvidenceStory.TamperAsync(Path.Combine(folder, "a.db")) && evidenceOk;
bool preferencesOk = await PreferencesStory.RunAsync(folder);

Text.Heading("Result");
Console.WriteLine($"  local story: {(localOk ? "passed" : "FAILED (a decision changed across a reopen)")}");
Console.WriteLine($"  sync story:  {(syncOk ? "passed" : "FAILED (see above)")}");
Console.WriteLine($"  evidence:    {(evidenceOk ? "passed" : "FAILED (see above)")}");
Console.WriteLine($"  rights:      {(rightsOk ? "passed" : "FAILED (see above)")}");
Console.WriteLine($"  preferences: {(preferencesOk ? "passed" : "FAILED (see above)")}");
Console.WriteLine($"  finished in {clock.Elapsed.TotalSeconds:F1} s; the databases stay in {folder}; delete it when done.");
return (localOk ? 0 : 1) + (syncOk ? 0 : 2) + (evidenceOk ? 0 : 4) + (rightsOk ? 0 : 8) + (preferencesOk ? 0 : 16);
