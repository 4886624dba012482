<?php
/*
 * Test-harness-only Tiny Tiny RSS plugin: it never ships with Briefing.
 * tests/sync/ttrss_server.py copies it into the plugins.local/ of its own
 * private copy of tt-rss and enables it in its own config.php.
 *
 * tt-rss (UrlHelper::fetch) refuses to fetch anything on a loopback
 * address or on a port other than 80/443, and the tests serve their feeds
 * from 127.0.0.1 on a random port. tt-rss asks its plugins for a feed's
 * data before it fetches it itself (HOOK_FETCH_FEED when updating,
 * HOOK_SUBSCRIBE_FEED when subscribing, HOOK_FEED_BASIC_INFO for the
 * title); this plugin answers those for http://127.0.0.1:PORT/ URLs only,
 * with a plain GET, so every other step (parsing, storing, the API) is
 * tt-rss's own. Other URLs are left to tt-rss untouched.
 *
 * It also keeps tt-rss from looking for a favicon on the web: a feed's
 * <link> may name a real site, and the harness must never reach anything
 * but 127.0.0.1. tt-rss skips the favicon search when ICONS_DIR/<id>.ico
 * exists, so an empty one is left there (empty means "no icon" to tt-rss).
 */
class Harness_Loopback extends Plugin {

	function about() {
		return array(1.0,
			"Briefing test harness: fetches feeds served on 127.0.0.1",
			"briefing",
			true);
	}

	function api_version() {
		return 2;
	}

	function init($host) {
		$host->add_hook($host::HOOK_FETCH_FEED, $this);
		$host->add_hook($host::HOOK_SUBSCRIBE_FEED, $this);
		$host->add_hook($host::HOOK_FEED_BASIC_INFO, $this);
	}

	private static function is_loopback($url) {
		$parts = parse_url($url);

		return $parts && isset($parts["scheme"]) && isset($parts["host"]) &&
			strtolower($parts["scheme"]) == "http" && $parts["host"] == "127.0.0.1";
	}

	/* Sets the globals that tt-rss's own fetch sets and that its callers read. */
	private static function get($url, $login, $pass) {
		global $fetch_last_error;
		global $fetch_last_error_code;
		global $fetch_last_error_content;
		global $fetch_last_content_type;
		global $fetch_last_modified;
		global $fetch_effective_url;

		$ch = curl_init($url);
		curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
		curl_setopt($ch, CURLOPT_PROXY, "");            /* never a proxy from the environment */
		curl_setopt($ch, CURLOPT_FOLLOWLOCATION, false); /* a redirect could leave 127.0.0.1 */
		curl_setopt($ch, CURLOPT_CONNECTTIMEOUT, 5);
		curl_setopt($ch, CURLOPT_TIMEOUT, 30);
		curl_setopt($ch, CURLOPT_USERAGENT, SELF_USER_AGENT);
		curl_setopt($ch, CURLOPT_ENCODING, "");
		if ($login && $pass) {
			curl_setopt($ch, CURLOPT_HTTPAUTH, CURLAUTH_ANY);
			curl_setopt($ch, CURLOPT_USERPWD, "$login:$pass");
		}

		$body = curl_exec($ch);
		$code = (int) curl_getinfo($ch, CURLINFO_HTTP_CODE);

		$fetch_last_error_code = $code;
		$fetch_last_content_type = (string) curl_getinfo($ch, CURLINFO_CONTENT_TYPE);
		$fetch_last_modified = "";
		$fetch_effective_url = $url;

		if ($body === false || $code != 200) {
			$fetch_last_error = $body === false ?
				curl_errno($ch) . " " . curl_error($ch) : "HTTP Code: $code";
			$fetch_last_error_content = $body === false ? "" : $body;
			curl_close($ch);
			return "";
		}

		curl_close($ch);
		$fetch_last_error = "";
		return $body;
	}

	function hook_fetch_feed($feed_data, $fetch_url, $owner_uid, $feed, $last_article_timestamp, $auth_login, $auth_pass) {
		if ($feed_data || !self::is_loopback($fetch_url))
			return $feed_data;

		$icon = ICONS_DIR . "/" . ((int) $feed) . ".ico";
		if (!file_exists($icon))
			@touch($icon);

		return trim(self::get($fetch_url, $auth_login, $auth_pass));
	}

	function hook_subscribe_feed($contents, $url, $auth_login, $auth_pass) {
		if ($contents || !self::is_loopback($url))
			return $contents;

		return self::get($url, $auth_login, $auth_pass);
	}

	/* What RSSUtils::set_basic_feed_info does with the data it fetches itself. */
	function hook_feed_basic_info($basic_info, $fetch_url, $owner_uid, $feed, $auth_login, $auth_pass) {
		if ($basic_info || !self::is_loopback($fetch_url))
			return $basic_info;

		/* A failed fetch is left to tt-rss, which then fails the same way
		   as with a failed fetch of its own. */
		$feed_data = trim(self::get($fetch_url, $auth_login, $auth_pass));
		if (!$feed_data)
			return $basic_info;

		$rss = new FeedParser($feed_data);
		$rss->init();

		/* Data that is not a feed: tt-rss would parse what it fetched, find
		   nothing and change nothing; an answer with nothing in it does that
		   (an empty one would have tt-rss fetch again, and fail otherwise). */
		if ($rss->error())
			return array('title' => '', 'site_url' => '');

		return array(
			'title' => mb_substr(clean($rss->get_title()), 0, 199),
			'site_url' => mb_substr(rewrite_relative_url($fetch_url, clean($rss->get_link())), 0, 245));
	}
}
