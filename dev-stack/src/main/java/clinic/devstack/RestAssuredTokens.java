package clinic.devstack;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every RestAssured request of a service's tests that names no {@code Authorization} carries
 * {@link TestTokens#callerToken()}; {@link TestTokens#NONE} sends none. Apart from {@link TestTokens} so that a module
 * whose tests have no RestAssured can still use the tokens.
 */
public final class RestAssuredTokens implements Filter {

    private RestAssuredTokens() {
    }

    /** Adds the filter to RestAssured's defaults, once. */
    public static void install() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof RestAssuredTokens)) {
            RestAssured.filters(new RestAssuredTokens());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        String given = request.getHeaders().getValue("Authorization");
        if (given == null) {
            request.header("Authorization", TestTokens.bearer(TestTokens.callerToken()));
        } else if (given.equals(TestTokens.NONE)) {
            request.removeHeader("Authorization");
        }
        return context.next(request, response);
    }
}
