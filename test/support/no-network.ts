/** No test may reach the internet: only loopback (the local emulator) is allowed. */
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
