/** The chat demo as a Spring Boot application, on Socketeer's Spring Boot starter. */
package io.socketeer.examples.spring;
