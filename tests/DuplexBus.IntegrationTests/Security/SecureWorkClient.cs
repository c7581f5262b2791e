using System.IdentityModel.Selectors;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.ServiceModel.Security;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>
/// A real WCF client over HTTPS that trusts exactly the test server's certificate, with a user name and password or
/// a client certificate; closed (or aborted) on dispose.
/// </summary>
public sealed class SecureWorkClient : IDisposable
{
    private readonly ChannelFactory<IWorkService> _factory;

    public SecureWorkClient(Uri address, string binding, TestCertificates certificates, string? user = null, string? password = null, X509Certificate2? clientCertificate = null)
    {
        _factory = new ChannelFactory<IWorkService>(SecureBinding.Create(binding), new EndpointAddress(address));
        _factory.Credentials.ServiceCertificate.SslCertificateAuthentication = new X509ServiceCertificateAuthentication
        {
            CertificateValidationMode = X509CertificateValidationMode.Custom,
            CustomCertificateValidator = new OnlyServer(certificates),
            RevocationMode = X509RevocationMode.NoCheck,
        };
        if (user is not null)
        {
            _factory.Credentials.UserName.UserName = user;
            _factory.Credentials.UserName.Password = password;
        }
        if (clientCertificate is not null)
            _factory.Credentials.ClientCertificate.Certificate = clientCertificate;
        Channel = _factory.CreateChannel();
    }

    public IWorkService Channel { get; }

    public Task<WorkStatus> StatusWhenAsync(Guid instanceId, Func<WorkStatus, bool> done, string because) =>
        Eventually.Until(() => Task.Run(() => Channel.GetStatus(instanceId)), done, TimeSpan.FromSeconds(30), because);

    public void Dispose()
    {
        try
        {
            ((IClientChannel)Channel).Close();
            _factory.Close();
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException)
        {
            ((IClientChannel)Channel).Abort();
            _factory.Abort();
        }
    }

    private sealed class OnlyServer(TestCertificates certificates) : X509CertificateValidator
    {
        public override void Validate(X509Certificate2 certificate)
        {
            if (!certificates.IsServer(certificate))
                throw new System.IdentityModel.Tokens.SecurityTokenValidationException($"Not the test server's certificate: {certificate.Subject}");
        }
    }
}
