package clinic.complaint.application;

import clinic.complaint.config.ComplaintConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Encrypts personal data with a key per customer (AES-256-GCM, the JDK's own), each key wrapped with the service's
 * master key. Erasing a customer deletes their key: every copy of their data, in any table or backup, becomes
 * unreadable at once, and nothing in the event history has to change.
 */
@ApplicationScoped
public class PersonalDataVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final SecretKey masterKey;

    public PersonalDataVault(EntityManager em, ComplaintConfig config) {
        this.em = em;
        byte[] master = Base64.getDecoder().decode(config.personalData().masterKey());
        if (master.length != 32) {
            throw new IllegalStateException("complaint.personal-data.master-key must be 32 bytes, base64");
        }
        this.masterKey = new SecretKeySpec(master, "AES");
    }

    /** Encrypts a customer's data with their key (read once), creating the key on first use; null stays null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Encryptor encryptorFor(String customerRef) {
        SecretKey key = key(customerRef).orElseGet(() -> createKey(customerRef));
        return plaintext -> plaintext == null ? null : seal(key, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a customer's ciphertexts. */
    @FunctionalInterface
    public interface Encryptor {
        byte[] encrypt(String plaintext);
    }

    /** Encrypts a file's content with the customer's key, creating the key on first use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public byte[] encrypt(String customerRef, byte[] content) {
        SecretKey key = key(customerRef).orElseGet(() -> createKey(customerRef));
        return seal(key, content);
    }

    /** A file's content in the clear, or empty when the customer has been erased. */
    public Optional<byte[]> decrypt(String customerRef, byte[] ciphertext) {
        return key(customerRef).map(key -> open(key, ciphertext));
    }

    /** The customer's data in the clear, or empty when the customer has been erased. */
    public Optional<Decryptor> decryptorFor(String customerRef) {
        return key(customerRef).map(key -> ciphertext -> ciphertext == null ? null
                : new String(open(key, ciphertext), StandardCharsets.UTF_8));
    }

    /** Reads a customer's ciphertexts. */
    @FunctionalInterface
    public interface Decryptor {
        String decrypt(byte[] ciphertext);
    }

    /** Deletes the customer's key; returns false when there was none (never seen, or erased before). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean erase(String customerRef, String erasedBy, Instant at) {
        int deleted = em.createNativeQuery("delete from customer_keys where customer_ref = ?1")
                .setParameter(1, customerRef).executeUpdate();
        em.createNativeQuery("""
                        insert into customer_erasures (customer_ref, erased_at, erased_by) values (?1, ?2, ?3)
                        on conflict (customer_ref) do nothing""")
                .setParameter(1, customerRef).setParameter(2, at).setParameter(3, erasedBy).executeUpdate();
        return deleted > 0;
    }

    public boolean isErased(String customerRef) {
        return !em.createNativeQuery("select 1 from customer_erasures where customer_ref = ?1")
                .setParameter(1, customerRef).getResultList().isEmpty();
    }

    private Optional<SecretKey> key(String customerRef) {
        @SuppressWarnings("unchecked")
        List<byte[]> wrapped = em.createNativeQuery("select wrapped_key from customer_keys where customer_ref = ?1")
                .setParameter(1, customerRef).getResultList();
        return wrapped.stream().findFirst().map(w -> new SecretKeySpec(open(masterKey, w), "AES"));
    }

    private SecretKey createKey(String customerRef) {
        if (isErased(customerRef)) {
            throw new CustomerErased(customerRef);
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey key = generator.generateKey();
            em.createNativeQuery("""
                            insert into customer_keys (customer_ref, wrapped_key, created_at) values (?1, ?2, now())
                            on conflict (customer_ref) do nothing""")
                    .setParameter(1, customerRef).setParameter(2, seal(masterKey, key.getEncoded())).executeUpdate();
            // a concurrent first filing for the same customer may have won: use the key that is stored
            return key(customerRef).orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a customer key", e);
        }
    }

    private static byte[] seal(SecretKey key, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] ivAndCiphertext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key or tampered data", e);
        }
    }

    /** A customer whose personal data was erased files again: their data is not kept under the erased reference. */
    public static final class CustomerErased extends RuntimeException {
        public CustomerErased(String customerRef) {
            super("customer " + customerRef + " has been erased; file under a new customer reference");
        }
    }
}
