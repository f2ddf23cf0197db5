package org.incidentplatform.notification.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/** Where a finished message goes: an SMTP relay, or the local outbox. */
sealed interface MailTransport permits MailTransport.Smtp, MailTransport.Outbox {

    MimeMessage newMessage();

    /** @return what the far side said, for the delivery log */
    String send(MimeMessage message) throws MessagingException, IOException;

    String lane();

    /** Real SMTP through Spring's {@link JavaMailSender} ({@code spring.mail.*}: host, port, TLS, auth). */
    record Smtp(JavaMailSender sender, String host) implements MailTransport {

        @Override
        public MimeMessage newMessage() {
            return sender.createMimeMessage();
        }

        @Override
        public String send(MimeMessage message) throws MessagingException {
            try {
                sender.send(message);
            } catch (MailException e) {
                Throwable cause = e.getMostSpecificCause();
                throw new MessagingException("SMTP " + host + ": " + cause.getMessage(), e);
            }
            return "accepted by SMTP relay " + host;
        }

        @Override
        public String lane() {
            return "smtp:" + host;
        }
    }

    /**
     * No SMTP server: each message is written as an RFC 5322 {@code .eml} file under {@code dir}, which
     * any mail client opens. For the embedded default and for operators who only want to look.
     */
    record Outbox(Path dir) implements MailTransport {

        @Override
        public MimeMessage newMessage() {
            return new MimeMessage(Session.getInstance(new Properties()));
        }

        @Override
        public String send(MimeMessage message) throws MessagingException, IOException {
            Files.createDirectories(dir);
            Path file = dir.resolve(Instant.now().toEpochMilli() + "-" + UUID.randomUUID() + ".eml");
            Path partial = dir.resolve(file.getFileName() + ".part");
            message.saveChanges();
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
                message.writeTo(out);
            }
            // Readers never see half a message.
            Files.move(partial, file);
            return "written to the outbox as " + file.getFileName();
        }

        @Override
        public String lane() {
            return "outbox";
        }
    }
}
