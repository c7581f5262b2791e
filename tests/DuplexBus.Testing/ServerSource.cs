namespace DuplexBus.Testing;

/// <summary>Where a test server comes from; decides what a test may do to it.</summary>
public enum ServerSource
{
    /// <summary>Given by an environment variable; the tests cannot stop or restart it.</summary>
    Environment,

    /// <summary>A Testcontainers container on a Docker engine.</summary>
    Container,

    /// <summary>A private process started from the machine's installed server packages.</summary>
    LocalProcess,
}
