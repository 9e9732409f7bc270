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
    private final io.agroal.api.AgroalDataSource dataSource;
    private final SecretKey masterKey;

    public PersonalDataVault(EntityManager em, io.agroal.api.AgroalDataSource dataSource, ComplaintConfig config) {
        this.em = em;
        this.dataSource = dataSource;
        byte[] master = Base64.getDecoder().decode(config.personalData().masterKey());
        if (master.length != 32) {
            throw new IllegalStateException("complaint.personal-data.master-key must be 32 bytes, base64");
        }
        this.masterKey = new SecretKeySpec(master, "AES");
    }

    /** Encrypts a customer's data with their key (read once), creating the key on first use; null stays null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Encryptor encryptorFor(String customerRef) {
        SecretKey key = keyOrCreate(customerRef);
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
        SecretKey key = keyOrCreate(customerRef);
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
        return !query("select 1 from customer_erasures where customer_ref = ?", customerRef).isEmpty();
    }

    private Optional<SecretKey> key(String customerRef) {
        return query("select wrapped_key from customer_keys where customer_ref = ?", customerRef).stream().findFirst()
                .map(this::unwrap);
    }

    /**
     * The customer's key, created on first use, in one statement either way (a filing's transaction holds its
     * connection for as few round trips as it can): a new key is inserted unless the customer was erased or has one,
     * and the stored one is read. Nothing back: erased, or a concurrent first filing of the same customer committed
     * its key after this statement began; the second read tells which.
     */
    private SecretKey keyOrCreate(String customerRef) {
        byte[] fresh;
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            fresh = seal(masterKey, generator.generateKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a customer key", e);
        }
        List<byte[]> found = query("""
                with created as (
                    insert into customer_keys (customer_ref, wrapped_key, created_at)
                    select ?, ?, now() where not exists (select 1 from customer_erasures where customer_ref = ?)
                    on conflict (customer_ref) do nothing
                    returning wrapped_key)
                select wrapped_key from created
                union all
                select wrapped_key from customer_keys where customer_ref = ?""", customerRef, fresh, customerRef, customerRef);
        if (!found.isEmpty()) {
            return unwrap(found.getFirst());
        }
        return key(customerRef).orElseThrow(() -> new CustomerErased(customerRef));
    }

    private SecretKey unwrap(byte[] wrapped) {
        return new SecretKeySpec(open(masterKey, wrapped), "AES");
    }

    /**
     * The first column of each row, over the caller's transaction's connection when there is one. Plain JDBC: a native
     * query through Hibernate resolves its result types on every run (and throws and catches an exception inside to
     * do it), and flushes the session first.
     */
    private List<byte[]> query(String sql, Object... params) {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<byte[]> rows = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getBytes(1));
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("customer keys: " + e.getSQLState(), e);
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
