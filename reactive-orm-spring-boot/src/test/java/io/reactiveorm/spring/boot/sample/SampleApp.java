package io.reactiveorm.spring.boot.sample;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Stands for an application's {@code @SpringBootApplication} class: its package is scanned. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class SampleApp {}
