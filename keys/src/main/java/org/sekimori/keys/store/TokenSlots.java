package org.sekimori.keys.store;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot of a token by its label. The JDK's SunPKCS11 provider chooses a slot by number
 * only, and the number is not the token's to keep: SoftHSM2 derives it from the token's serial,
 * and a hardware module numbers its slots in the order they are configured. The label is what the
 * operator chose. Asks the library itself, through JNA: {@code C_GetSlotList} and
 * {@code C_GetTokenInfo}, whose structure begins with the 32-byte, blank-padded label.
 */
final class TokenSlots {

    private static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    private static final int LABEL_BYTES = 32;
    /** More than any platform's CK_TOKEN_INFO (208 bytes on 64-bit Linux). */
    private static final int TOKEN_INFO_BYTES = 1024;

    /** The calls of PKCS#11 (version 2.40, section 5) this needs; CK_ULONG is a C long. */
    interface Cryptoki extends Library {
        NativeLong C_Initialize(Pointer arguments);

        NativeLong C_Finalize(Pointer reserved);

        NativeLong C_GetSlotList(byte tokenPresent, Pointer slots, Pointer count);

        NativeLong C_GetTokenInfo(NativeLong slot, Pointer info);
    }

    private TokenSlots() {
    }

    /** The slot of the token labelled {@code token.label()}, or an exception naming the labels there are. */
    static long slotOf(Pkcs11Token token) throws IOException {
        Cryptoki library;
        try {
            library = Native.load(token.library().toString(), Cryptoki.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("the PKCS#11 library " + token.library() + " cannot be loaded: " + e.getMessage(), e);
        }
        long initialised = library.C_Initialize(null).longValue();
        if (initialised != CKR_OK && initialised != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            throw new IOException(token.library() + " failed C_Initialize: " + hex(initialised));
        }
        try {
            List<String> labels = new ArrayList<>();
            for (long slot : slots(library, token)) {
                String label = label(library, token, slot);
                if (label.equals(token.label())) {
                    return slot;
                }
                labels.add("'" + label + "'");
            }
            throw new IOException("no token labelled '" + token.label() + "' in " + token.library() + "; its tokens: "
                    + (labels.isEmpty() ? "none" : String.join(", ", labels)));
        } finally {
            // Left initialised when SunPKCS11 had initialised it: finalising would pull it from under the provider.
            if (initialised == CKR_OK) {
                library.C_Finalize(null);
            }
        }
    }

    private static long[] slots(Cryptoki library, Pkcs11Token token) throws IOException {
        Memory count = new Memory(NativeLong.SIZE);
        check(library.C_GetSlotList((byte) 1, null, count), token, "C_GetSlotList");
        int found = (int) count.getNativeLong(0).longValue();
        if (found == 0) {
            return new long[0];
        }
        Memory slots = new Memory((long) found * NativeLong.SIZE);
        check(library.C_GetSlotList((byte) 1, slots, count), token, "C_GetSlotList");
        long[] ids = new long[(int) count.getNativeLong(0).longValue()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = slots.getNativeLong((long) i * NativeLong.SIZE).longValue();
        }
        return ids;
    }

    private static String label(Cryptoki library, Pkcs11Token token, long slot) throws IOException {
        Memory info = new Memory(TOKEN_INFO_BYTES);
        check(library.C_GetTokenInfo(new NativeLong(slot), info), token, "C_GetTokenInfo");
        return new String(info.getByteArray(0, LABEL_BYTES), StandardCharsets.UTF_8).stripTrailing();
    }

    private static void check(NativeLong result, Pkcs11Token token, String call) throws IOException {
        if (result.longValue() != CKR_OK) {
            throw new IOException(token.library() + " failed " + call + ": " + hex(result.longValue()));
        }
    }

    private static String hex(long code) {
        return "CKR 0x" + Long.toHexString(code);
    }
}
