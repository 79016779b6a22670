package dev.crmmirror;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmMirrorApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(CrmMirrorApplication.class, args);
        // a one-shot command ends the process once its runs are done, with their outcome as exit code
        context.getBeanProvider(OneShot.class).ifAvailable(oneShot -> System.exit(SpringApplication.exit(context, oneShot)));
    }
}
