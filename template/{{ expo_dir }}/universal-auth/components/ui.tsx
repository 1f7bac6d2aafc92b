import { Stack } from 'expo-router';
import type { ReactNode } from 'react';
import {
  ActivityIndicator,
  Pressable,
  ScrollView,
  StyleSheet,
  Text,
  TextInput,
  View,
  type TextInputProps,
} from 'react-native';

/**
 * A screen of the auth, its title in the header of whichever navigator of the app shows it (the
 * app/(auth) group has no layout of its own, so its screens join the app's navigator).
 */
export function Screen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <ScrollView contentContainerStyle={styles.screen} keyboardShouldPersistTaps="handled">
      <Stack.Screen options={{ title }} />
      {children}
    </ScrollView>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View style={styles.section}>
      <Text style={styles.sectionTitle} accessibilityRole="header">
        {title}
      </Text>
      {children}
    </View>
  );
}

interface FieldProps extends Omit<TextInputProps, 'style'> {
  label: string;
  error?: string;
}

/** A labelled input; the label is also its accessibility label, which tests find it by. */
export function Field({ label, error, ...input }: FieldProps) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        autoCapitalize="none"
        autoCorrect={false}
        style={[styles.input, error ? styles.inputInvalid : null]}
        {...input}
      />
      {error ? <Text style={styles.error}>{error}</Text> : null}
    </View>
  );
}

interface ButtonProps {
  label: string;
  onPress(): void;
  pending?: boolean;
  variant?: 'primary' | 'secondary' | 'danger';
}

export function Button({ label, onPress, pending = false, variant = 'primary' }: ButtonProps) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      accessibilityState={{ disabled: pending, busy: pending }}
      disabled={pending}
      onPress={onPress}
      style={({ pressed }) => [styles.button, styles[variant], pressed && styles.pressed]}
    >
      {pending ? (
        <ActivityIndicator color={variant === 'secondary' ? '#1d4ed8' : '#fff'} />
      ) : (
        <Text style={variant === 'secondary' ? styles.secondaryLabel : styles.buttonLabel}>
          {label}
        </Text>
      )}
    </Pressable>
  );
}

/** An error, announced by screen readers as soon as it appears. */
export function ErrorMessage({ children }: { children: string | null }) {
  if (!children) return null;
  return (
    <Text accessibilityRole="alert" accessibilityLiveRegion="assertive" style={styles.alert}>
      {children}
    </Text>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <Text accessibilityLiveRegion="polite" style={styles.notice}>
      {children}
    </Text>
  );
}

export const styles = StyleSheet.create({
  screen: { padding: 24, gap: 16 },
  section: { gap: 12, paddingVertical: 8 },
  sectionTitle: { fontSize: 18, fontWeight: '600', color: '#111827' },
  field: { gap: 6 },
  label: { fontSize: 15, color: '#374151' },
  input: {
    borderWidth: 1,
    borderColor: '#9ca3af',
    borderRadius: 8,
    paddingHorizontal: 12,
    paddingVertical: 10,
    fontSize: 16,
    color: '#111827',
  },
  inputInvalid: { borderColor: '#b91c1c' },
  error: { color: '#b91c1c', fontSize: 14 },
  button: { borderRadius: 8, paddingVertical: 14, alignItems: 'center' },
  primary: { backgroundColor: '#1d4ed8' },
  secondary: { borderWidth: 1, borderColor: '#1d4ed8' },
  danger: { backgroundColor: '#b91c1c' },
  pressed: { opacity: 0.8 },
  buttonLabel: { color: '#fff', fontSize: 16, fontWeight: '600' },
  secondaryLabel: { color: '#1d4ed8', fontSize: 16, fontWeight: '600' },
  alert: { color: '#991b1b', backgroundColor: '#fee2e2', padding: 12, borderRadius: 8 },
  notice: { color: '#1e3a8a', backgroundColor: '#dbeafe', padding: 12, borderRadius: 8 },
  text: { fontSize: 16, color: '#1f2937' },
  code: { fontFamily: 'Courier', fontSize: 16, color: '#111827' },
});
