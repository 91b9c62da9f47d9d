namespace Cpm.Sdk;

/// <summary>The local store cannot be used: it is corrupt, foreign, newer than this SDK, or failed to write.</summary>
public sealed class CpmStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CpmStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CpmStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CpmStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
