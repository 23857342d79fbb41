/*
 * bcryptprimitives.c: a stand-in bcryptprimitives.dll for testing the
 * Windows build under Wine 8 (Debian 12), whose own bcryptprimitives lacks
 * ProcessPrng. The Go runtime (1.22 and later) resolves
 * bcryptprimitives!ProcessPrng from System32 at start-up and aborts when it
 * is missing, so without this the exe cannot start at all under that Wine.
 *
 * ProcessPrng is implemented over BCryptGenRandom with
 * BCRYPT_USE_SYSTEM_PREFERRED_RNG (bcrypt.dll, which Wine 8 implements over
 * the host's kernel random source): real CSPRNG output, never a stub.
 * ProcessPrng is documented to always return TRUE; since it must not lie, a
 * generator failure terminates the process instead, as Windows does.
 *
 * Built by scripts/windows-test.sh with x86_64-w64-mingw32-gcc; never
 * shipped, never committed as a binary.
 */
#include <windows.h>
#include <bcrypt.h>

/* BCryptGenRandom takes a ULONG length; ProcessPrng a SIZE_T. */
#define CHUNK ((SIZE_T)0x40000000)

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = (ULONG)(len < CHUNK ? len : CHUNK);
        NTSTATUS st = BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
        if (!BCRYPT_SUCCESS(st))
            TerminateProcess(GetCurrentProcess(), (UINT)st);
        data += n;
        len -= n;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst; (void)reason; (void)reserved;
    return TRUE;
}
