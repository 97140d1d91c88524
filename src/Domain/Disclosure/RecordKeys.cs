using System.Security.Cryptography;

namespace Cohort.Domain.Disclosure;

/// <summary>Record keys: drawn once per participant from a cryptographic generator (the id is not used); 0 means "not drawn yet".</summary>
public sealed class RecordKeys : IRecordKeySource
{
    /// <summary>
    /// Keys drawn ahead, per thread: the generator is asked for 4 KB at a time rather than 4 bytes per participant (each request is a
    /// call into the operating system's generator, which cost more than deriving a participant when an ingest drew 100,000 keys).
    /// </summary>
    [ThreadStatic] private static byte[]? _drawn;
    [ThreadStatic] private static int _next;

    public uint KeyFor(string participantId) => New();

    public static uint New()
    {
        uint key;
        do
        {
            if (_drawn is null || _next == _drawn.Length)
            {
                _drawn ??= new byte[4096];
                RandomNumberGenerator.Fill(_drawn);
                _next = 0;
            }
            key = BitConverter.ToUInt32(_drawn, _next);
            _next += 4;
        } while (key == 0);
        return key;
    }
}
