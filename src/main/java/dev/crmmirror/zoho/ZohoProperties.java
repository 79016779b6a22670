package dev.crmmirror.zoho;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach Zoho ({@code zoho.*}, or the environment variables {@code ZOHO_ACCOUNTS_URL},
 * {@code ZOHO_API_URL}, {@code ZOHO_CLIENT_ID}, {@code ZOHO_CLIENT_SECRET}, {@code ZOHO_REFRESH_TOKEN}).
 *
 * @param accountsUrl        the data centre's accounts server, e.g. https://accounts.zoho.eu
 * @param apiUrl             the data centre's API domain, e.g. https://www.zohoapis.eu
 * @param tokenRefreshMargin refresh an access token this long before it expires
 * @param maxTokenRefreshes  refreshes allowed per {@code tokenRefreshWindow}; Zoho locks a refresh token out
 *                           for ~10 minutes past 10 per 10 minutes, so crm-mirror stops itself first
 */
@Validated
@ConfigurationProperties("zoho")
public record ZohoProperties(
        @NotNull URI accountsUrl,
        @NotNull URI apiUrl,
        @NotBlank(message = "is not set: give the Client ID of your Zoho API client (api-console.zoho.com) in ZOHO_CLIENT_ID") String clientId,
        @NotBlank(message = "is not set: give the Client Secret of your Zoho API client in ZOHO_CLIENT_SECRET") String clientSecret,
        @NotBlank(message = "is not set: give a refresh token (scopes ZohoCRM.modules.ALL, ZohoCRM.coql.READ) in ZOHO_REFRESH_TOKEN") String refreshToken,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("5m") Duration tokenRefreshMargin,
        @DefaultValue("10") int maxTokenRefreshes,
        @DefaultValue("10m") Duration tokenRefreshWindow) {

    /** Never print the secrets, whoever logs this object. */
    @Override
    public String toString() {
        return "ZohoProperties[accountsUrl=" + accountsUrl + ", apiUrl=" + apiUrl + ", clientId=" + clientId
                + ", clientSecret=***, refreshToken=***]";
    }
}
