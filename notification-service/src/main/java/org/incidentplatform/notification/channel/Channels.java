package org.incidentplatform.notification.channel;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.subscription.Channel;
import org.incidentplatform.notification.subscription.LinkSigner;
import org.incidentplatform.notification.subscription.TargetPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The channels, built once from the settings. */
@Configuration(proxyBeanMethods = false)
public class Channels {

    private final Map<Channel, DeliveryChannel> byChannel = new EnumMap<>(Channel.class);

    public DeliveryChannel of(Channel channel) {
        return byChannel.get(channel);
    }

    @Bean
    static TargetPolicy targetPolicy(NotificationProperties properties) {
        try {
            return new TargetPolicy(properties.allowList(), InetAddress::getAllByName);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("notification-service.allow-list: " + e.getMessage(), e);
        }
    }

    @Bean
    static LinkSigner linkSigner(NotificationProperties properties) {
        return new LinkSigner(properties.linkSecret());
    }

    @Bean
    EmailChannel emailChannel(
            NotificationProperties properties,
            LinkSigner links,
            ObjectProvider<JavaMailSender> mailSender,
            ObjectProvider<MailProperties> mail) {
        NotificationProperties.Email email = properties.email();
        MailTransport transport = switch (email.mode()) {
            case OUTBOX -> new MailTransport.Outbox(Path.of(email.outboxDir()));
            case SMTP -> {
                JavaMailSender sender = mailSender.getIfAvailable();
                if (sender == null) {
                    throw new IllegalStateException("spring.mail.host (SPRING_MAIL_HOST) must be set when "
                            + "notification-service.email.mode is smtp");
                }
                yield new MailTransport.Smtp(sender, mail.getObject().getHost());
            }
        };
        EmailChannel channel = new EmailChannel(
                transport,
                engine(TemplateMode.HTML),
                engine(TemplateMode.TEXT),
                email.from(),
                properties.publicUrl(),
                properties.statusPageUrl(),
                links);
        byChannel.put(Channel.EMAIL, channel);
        return channel;
    }

    @Bean
    WebhookChannel webhookChannel(
            NotificationProperties properties, TargetPolicy policy, LinkSigner links, Clock clock) {
        WebhookChannel channel = new WebhookChannel(
                new HttpPost(policy, properties.webhook()),
                new StatuspagePayload.Page(properties.pageId(), properties.statusPageUrl()),
                properties.publicUrl(),
                links,
                clock);
        byChannel.put(Channel.WEBHOOK, channel);
        return channel;
    }

    @Bean
    SlackChannel slackChannel(NotificationProperties properties, TargetPolicy policy) {
        SlackChannel channel = new SlackChannel(new HttpPost(policy, properties.webhook()), properties.statusPageUrl());
        byChannel.put(Channel.SLACK, channel);
        return channel;
    }

    static TemplateEngine engine(TemplateMode mode) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
