namespace Cpm.Sdk;

/// <summary>How hard SQLite works to keep a commit across power loss.</summary>
public enum Durability
{
    /// <summary><c>synchronous=FULL</c> in WAL mode: an acknowledged record survives a crash and a power cut.</summary>
    Full = 0,

    /// <summary><c>synchronous=NORMAL</c> in WAL mode: survives a process crash; the last commits may be lost on power loss.</summary>
    Normal = 1,
}
