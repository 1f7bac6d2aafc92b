package auth

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// errRedisUnavailable marks a Redis that did not answer: the request gets 503, the process lives on.
var errRedisUnavailable = errors.New("redis unavailable")

func openRedis(url string) (*redis.Client, error) {
	options, err := redis.ParseURL(url)
	if err != nil {
		return nil, configErrorf("REDIS_URL is not a redis:// URL: %v", err)
	}
	// A counter answers in microseconds: a Redis that keeps quiet half a second is taken as down, so a
	// rate-limited request fails closed at once rather than waiting.
	options.DialTimeout = 2 * time.Second
	options.ReadTimeout = 500 * time.Millisecond
	options.WriteTimeout = 500 * time.Millisecond
	options.MaxRetries = 0
	// A refused connection is an outage at once, not after go-redis's dial retries.
	options.DialerRetries = 1
	return redis.NewClient(options), nil
}

// redisCounter is httprate's LimitCounter on Redis: one key per counter, key and window.
type redisCounter struct {
	client *redis.Client
	prefix string
	window time.Duration
}

func (c *redisCounter) Config(_ int, windowLength time.Duration) { c.window = windowLength }

func (c *redisCounter) windowKey(key string, window time.Time) string {
	return c.prefix + key + ":" + strconv.FormatInt(window.Unix(), 10)
}

func (c *redisCounter) Increment(key string, currentWindow time.Time) error {
	return c.IncrementBy(key, currentWindow, 1)
}

func (c *redisCounter) IncrementBy(key string, currentWindow time.Time, amount int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	name := c.windowKey(key, currentWindow)
	pipe := c.client.TxPipeline()
	pipe.IncrBy(ctx, name, int64(amount))
	pipe.Expire(ctx, name, 2*c.window+time.Second)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("%w: %v", errRedisUnavailable, err)
	}
	return nil
}

func (c *redisCounter) Get(key string, currentWindow, previousWindow time.Time) (int, int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	values, err := c.client.MGet(ctx, c.windowKey(key, currentWindow), c.windowKey(key, previousWindow)).Result()
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %v", errRedisUnavailable, err)
	}
	return counted(values[0]), counted(values[1]), nil
}

func counted(value any) int {
	text, _ := value.(string)
	n, _ := strconv.Atoi(text)
	return max(0, n)
}

func pingRedis(ctx context.Context, client *redis.Client) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return client.Ping(ctx).Err()
}
