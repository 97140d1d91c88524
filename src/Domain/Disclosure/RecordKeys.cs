using System.Security.Cryptography;

namespace Cohort.Domain.Disclosure;

/// <summary>Record keys: drawn once per participant from a cryptographic generator (the id is not used); 0 means "not drawn yet".</summary>
public sealed class RecordKeys : IRecordKeySource
{
    public uint KeyFor(string participantId) => New();

    public static uint New()
    {
        Span<byte> bytes = stackalloc byte[4];
        uint key;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            key = BitConverter.ToUInt32(bytes);
        } while (key == 0);
        return key;
    }
}
