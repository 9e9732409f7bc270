package clinic.complaint.application;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of file kept as evidence, told from the content itself (its magic bytes, with Apache Tika), never from
 * what the uploader declares: photos, PDF documents, video and audio recordings. Types are named as Tika names them.
 */
public final class EvidenceMediaTypes {

    /** What a download is served as when the type kept is not one of the allowed ones (older rows). */
    public static final String UNKNOWN = "application/octet-stream";

    /** The allowed types, as Tika reports them, and the extension of the file name a download gets. */
    private static final Map<String, String> ALLOWED = allowed(
            // photos
            "image/jpeg", "jpg", "image/png", "png", "image/gif", "gif", "image/webp", "webp",
            "image/heic", "heic", "image/heif", "heif", "image/heic-sequence", "heics", "image/heif-sequence", "heifs",
            // documents
            "application/pdf", "pdf",
            // video; Tika reports an MP4 whose brand is not mp41/mp42 (isom, avc1: most phones) as QuickTime
            "video/mp4", "mp4", "video/quicktime", "mov", "video/webm", "webm",
            // older Android phones and MMS record 3GP
            "video/3gpp", "3gp", "video/3gpp2", "3g2", "audio/3gpp", "3gp",
            // audio
            "audio/mpeg", "mp3", "audio/mp4", "m4a", "audio/x-aac", "aac", "audio/vnd.wave", "wav",
            "audio/ogg", "ogg", "audio/vorbis", "ogg", "audio/opus", "opus", "audio/speex", "spx",
            "audio/amr", "amr", "audio/amr-wb", "awb");

    /** Names clients send that Tika does not know as aliases of the type it detects. */
    private static final Map<String, String> CLIENT_NAMES = Map.of(
            "image/jpg", "image/jpeg",
            "image/pjpeg", "image/jpeg",
            "audio/mp3", "audio/mpeg",
            "audio/m4a", "audio/mp4",
            "audio/webm", "video/webm"); // a browser's voice recording: WebM with audio only

    private static final Tika TIKA = new Tika();
    private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
    private static final MediaType AAC = MediaType.parse("audio/x-aac");
    private static final MediaType M4A = MediaType.parse("audio/mp4");

    private EvidenceMediaTypes() {
    }

    /** The allowed types, in a stable order, for messages. */
    public static List<String> allowed() {
        return List.copyOf(ALLOWED.keySet());
    }

    public static boolean isAllowed(String type) {
        return ALLOWED.containsKey(type);
    }

    /** The type of {@code content} read from its bytes, e.g. {@code image/jpeg}; {@link #UNKNOWN} if nothing matched. */
    public static String detect(byte[] content) {
        String detected = TIKA.detect(content);
        // Tika's magic tells Matroska only; WebM is Matroska whose EBML header names the document type "webm"
        if (("application/x-matroska".equals(detected) || "video/x-matroska".equals(detected))
                && "webm".equals(ebmlDocType(content))) {
            return "video/webm";
        }
        return detected;
    }

    /**
     * Whether the type the uploader declared says the content is something else than what was detected. Nothing
     * declared, or a generic type such as {@code application/octet-stream}, contradicts nothing; a type and its
     * variants agree (declared {@code video/mp4}, detected QuickTime; {@code audio/ogg} and Opus).
     */
    public static boolean contradicts(String declared, String detected) {
        if (declared == null || declared.isBlank()) {
            return false;
        }
        MediaType parsed = MediaType.parse(declared);
        if (parsed == null) {
            return true;
        }
        String base = parsed.getBaseType().toString();
        MediaType claimed = REGISTRY.normalize(MediaType.parse(CLIENT_NAMES.getOrDefault(base, base)));
        MediaType found = REGISTRY.normalize(MediaType.parse(detected));
        if (claimed.equals(found) || REGISTRY.isSpecializationOf(found, claimed) || REGISTRY.isSpecializationOf(claimed, found)) {
            return false;
        }
        return !(claimed.equals(AAC) && found.equals(M4A)); // AAC audio in an M4A file is often declared audio/aac
    }

    /** A declared type as it may appear in a message: its base type only, or a note that it is not a media type. */
    public static String describe(String declared) {
        MediaType parsed = declared == null ? null : MediaType.parse(declared);
        if (parsed == null) {
            return "a Content-Type that is not a media type";
        }
        String base = parsed.getBaseType().toString();
        return base.length() > 100 ? base.substring(0, 100) + "..." : base;
    }

    /** The type a download is served as: the type kept if it is allowed (older rows may hold anything), else {@link #UNKNOWN}. */
    public static String servedType(String kept) {
        MediaType parsed = kept == null ? null : MediaType.parse(kept);
        if (parsed == null) {
            return UNKNOWN;
        }
        String base = REGISTRY.normalize(parsed.getBaseType()).toString();
        return ALLOWED.containsKey(base) ? base : UNKNOWN;
    }

    /** The file name extension of a served type ({@code bin} for {@link #UNKNOWN}). */
    public static String extension(String servedType) {
        return ALLOWED.getOrDefault(servedType, "bin");
    }

    /** The DocType of an EBML header (Matroska: "matroska", WebM: "webm"), or null if it cannot be read. */
    static String ebmlDocType(byte[] content) {
        int[] at = {4}; // after the EBML header's ID, 1A 45 DF A3
        long headerSize = vint(content, at, true);
        if (headerSize < 0) {
            return null;
        }
        long end = Math.min(content.length, at[0] + headerSize);
        while (at[0] < end) {
            long id = vint(content, at, false);
            long size = vint(content, at, true);
            if (id < 0 || size < 0 || at[0] + size > end) {
                return null;
            }
            if (id == 0x4282) {
                return new String(content, at[0], (int) size, StandardCharsets.US_ASCII).trim();
            }
            at[0] += (int) size;
        }
        return null;
    }

    /** An EBML variable-length integer at {@code at[0]} (moved past it): a size without its length marker, or an ID with it. */
    private static long vint(byte[] bytes, int[] at, boolean dropMarker) {
        if (at[0] >= bytes.length) {
            return -1;
        }
        int first = bytes[at[0]] & 0xFF;
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || length > 8 || at[0] + length > bytes.length) {
            return -1;
        }
        long value = dropMarker ? first & (0xFF >> length) : first;
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (bytes[at[0] + i] & 0xFF);
        }
        at[0] += length;
        return value;
    }

    private static Map<String, String> allowed(String... typeAndExtension) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < typeAndExtension.length; i += 2) {
            map.put(typeAndExtension[i], typeAndExtension[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
