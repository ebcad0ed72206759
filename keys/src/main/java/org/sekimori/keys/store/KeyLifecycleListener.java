package org.sekimori.keys.store;

/**
 * Told of every change to a key ring once it is saved, so the gateway can write it to the audit
 * trail. The key store writes no records itself. An exception thrown here reaches the caller of the
 * change (which has been made), so a record that could not be written is not lost in silence.
 */
@FunctionalInterface
public interface KeyLifecycleListener {

    void keyEvent(KeyEvent event);
}
