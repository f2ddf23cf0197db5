package org.incidentplatform.notification.dispatch;

import java.util.List;
import java.util.Locale;

import org.incidentplatform.notification.web.ProblemException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log: each delivery with its attempts and where it stands. */
@RestController
class DeliveryController {

    private final DeliveryLog deliveries;

    DeliveryController(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    /** @param status delivered, retrying, parked or skipped */
    @GetMapping("/api/v1/deliveries")
    List<DeliveryLog.Entry> deliveries(@RequestParam(required = false) String incidentId,
                                       @RequestParam(required = false) String subscriptionId,
                                       @RequestParam(required = false) String status) {
        DeliveryLog.Status wanted = null;
        if (status != null) {
            try {
                wanted = DeliveryLog.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "status",
                        "status must be delivered, retrying, parked or skipped");
            }
        }
        return deliveries.query(blankToNull(incidentId), blankToNull(subscriptionId), wanted);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
