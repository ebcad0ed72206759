package org.sekimori.gateway.policy;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** Bodies read whole, within a limit, to inspect or mask them. */
public final class Bodies {

    private Bodies() {
    }

    /** The bytes of a joined body; the buffer is released. */
    public static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
